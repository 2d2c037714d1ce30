-- Entries of the corrections log that apply in this run: all of them in the pipeline,
-- none in `monev check` (var apply_corrections = false), which validates files as submitted.
select *
from {{ ref('stg_referensi__koreksi') }}
where {{ 'true' if var('apply_corrections') else 'false' }}
