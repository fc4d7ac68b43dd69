-- per document: its claims as reconciliation reads them (inputs_fingerprint.sql's columns), summarised as their
-- count and the sum of their hashes. A document whose summary differs from the stored one changed.
select
    c.doc_id,
    count(*) as n_claims,
    count(*) || ':' || coalesce(sum(hash(
        c.claim_id, c.doc_id, c.source, c.model, c.metric, c.tier, c.setting, c.unit, c.value,
        c.value_high, c.value_text, c.bound, c.approx, c.hedged, c.as_of, c.quote, c.modality, c.currency,
        d.published_at
    )::hugeint) % 18446744073709551616, 0) as digest
from claims as c
inner join documents as d on c.doc_id = d.doc_id
group by c.doc_id;
