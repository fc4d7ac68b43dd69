-- one expectation's result in one run.
insert into validation_results (run_id, suite, expectation, table_name, success, unexpected_count, details, validated_at)
values ($run_id, $suite, $expectation, $table_name, $success, $unexpected_count, $details, $validated_at);
