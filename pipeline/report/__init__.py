"""The reviewer's outputs: a self-contained HTML conflict report (and its
markdown twin) and schema.org ClaimReview JSON-LD, read from the warehouse."""
