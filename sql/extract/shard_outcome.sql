-- what the shard just loaded did, per document still current: claims written, or the failure.
select
    doc_id,
    source,
    n_claims,
    error,
    extractor,
    extracted_at as failed_at
from shard_state
order by source;
