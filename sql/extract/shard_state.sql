-- one shard's outcome per document (the registered frame `frame`), for its Parquet file:
-- n_claims written, or the error that kept the document's previous claims.
select
    doc_id::varchar as doc_id,
    source::varchar as source,
    sha256::varchar as sha256,
    extractor::varchar as extractor,
    n_claims::integer as n_claims,
    extracted_at::timestamp as extracted_at,
    error::varchar as error
from frame
