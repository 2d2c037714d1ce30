{{ config(tags=["setelah_validasi"]) }}
-- The nodes of the published plan versions (int_rencana__diterima).
select n.*
from {{ ref('int_rencana__node') }} as n
inner join {{ ref('int_rencana__diterima') }} as d on n.berkas_id = d.berkas_id
