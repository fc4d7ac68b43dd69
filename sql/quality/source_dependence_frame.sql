-- document pairs as the source_dependence suite sees them.
select
    doc_a || '~' || doc_b as pair, probability, n_common,
    doc_a < doc_b as ordered_pair,
    n_same + n_different = n_common as counts_add_up
from source_dependence;
