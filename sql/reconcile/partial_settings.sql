-- partial_settings: the claims under a stated setting of each (model, metric) of the view wanted_metrics, as
-- statements.sql reads them: the model's scores under other settings explain._setting_evidence looks for.
select s.* exclude (raw_model)
from claim_statement_rows() as s
inner join wanted_metrics as w on s.metric = w.metric and s.model = w.model
where s.setting is not null
order by s.model, s.metric, s.claim_id;
