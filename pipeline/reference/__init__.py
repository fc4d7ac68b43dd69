"""Reference datasets: one loader per file format, each turning a versioned
snapshot in sources/reference/ into ReferenceFacts with their citations.
Adding a dataset is a new loader and one line in LOADERS."""
