{{ config(tags=["setelah_validasi"]) }}
-- The numbers of the published plan versions (int_rencana__diterima).
select v.*
from {{ ref('int_rencana__nilai') }} as v
inner join {{ ref('int_rencana__diterima') }} as d on v.berkas_id = d.berkas_id
