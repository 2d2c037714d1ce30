{#
  The number cells of the published plan versions: int_rencana__sel (what every cell means after the
  corrections log: keadaan, nilai_hitung, diketahui) for the versions in int_rencana__diterima, with

    berdasar_asumsi   the value the marts use rests on an assumption of the corrections log: the cell is set
                      by a correction whose kepastian is 'asumsi', or it is an implied zero (nol_tersirat)
                      of a row whose pagu the log sets by an assumption (the zero follows from that
                      assumption: e.g. Bimtek's empty TW2 and TW4 are 0 only under the assumed TW1 split).

  The one place the facts and marts (fct_rencana_tahunan, fct_rencana_triwulan, mart_capaian_triwulan) read
  plan numbers from; the states themselves are decided in int_rencana__sel only. The rows whose pagu rests
  on an assumption are few: they are looked up (a join on a small set), not found by a window over every
  row of every plan.
#}
{% macro sel_rencana_diterima() %}
select
    s.*,
    coalesce(s.dikoreksi and s.kepastian = 'asumsi', false)
        or (s.keadaan = 'nol_tersirat' and a.kode is not null) as berdasar_asumsi
from {{ ref('int_rencana__sel') }} as s
inner join {{ ref('int_rencana__diterima') }} as d on d.berkas_id = s.berkas_id
left join (
    select distinct berkas_id, kode
    from {{ ref('int_rencana__sel') }}
    where ukuran = 'pagu' and dikoreksi and kepastian = 'asumsi'
) as a on a.berkas_id = s.berkas_id and a.kode = s.kode
{% endmacro %}
