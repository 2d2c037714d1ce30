-- =====================================================================================================
-- The floor: the published marts of Monev Kinerja computed by DuckDB alone.
--
-- What the full pipeline does with a Python reader per file, raw tables, dbt models, Great Expectations
-- and a publish step, written as the plain set-based SQL one would write for VALID input:
--   * every file is assumed to follow the submission contract (CSV, comma separated, UTF-8, header in
--     row 1, every number in the Indonesian format, every code well formed);
--   * exactly one version per key (no _v<n> files: the script stops with an error if it finds one);
--   * no corrections log, no accepted exceptions, no quarantine, no audit (an empty quarterly cell that is
--     not an implied zero is published as lost, as the pipeline publishes one the corrections log accepts).
-- Nothing the marts contain is skipped: number and code parsing, the node tree, quarterly plans with the
-- state of every cell (an empty quarter is an implied zero or lost, as int_rencana__sel decides), the
-- end-of-year column, capaian per triwulan and cumulative, kategori, serapan, what is incomplete and why
-- (catatan_kelengkapan: a figure over an unknown input is null, never computed over the known part), IKM
-- NRR / index / mutu, Perjanjian Kinerja realisasi, kabupaten aggregates and ranks over complete figures.
--
-- Parameters (DuckDB variables, set before running this script, e.g. in the duckdb CLI):
--   SET VARIABLE files_dir     = '/path/to/submission/csv/files';
--   SET VARIABLE referensi_dir = '/path/to/seeds/referensi';
--   SET VARIABLE sumber        = 'sampel';   -- provenance of the files: dokumen | sampel | kiriman
--   .read orchestration/bench/floor.sql
-- `python -m orchestration.bench.floor` does exactly this.
--
-- Everything but the marts is TEMP: the output database holds only schema `marts`.
-- Money is DECIMAL(18,2) and every target DECIMAL(18,4) from the text on: the text is turned into a
-- canonical decimal string ('1.275.442.000' -> '1275442000') and cast, never through DOUBLE.
-- The percentages follow the pipeline's own formulas so that they agree to the last digit: capaian,
-- serapan and their means in exact integer arithmetic (persen_tepat below), the IKM as mart_ikm computes it.
--
-- Provenance columns:
--   sumber / sampel  the `sumber` variable ('sampel' for files of seeds/sampel), sampel = sumber 'sampel';
--   nama_berkas      the file name; baris: the spreadsheet row (header = row 1, first data row = 2);
--   berkas_id        sha256(file bytes)[:16] || ':' || file name, as orchestration.domain.submission.file_id:
--                    the kinerja files are read once more as blobs (read_blob) to hash them. That costs a
--                    second read of those few small files only (fct_target_kinerja is the one mart with it).
--   versi            1 (one version per key);
--   *_terbit         the cell text as printed (trimmed); with no corrections log it is what was parsed;
--   dikoreksi        false (no corrections log);
--   *berdasar_asumsi false (no corrections log: no figure rests on an assumption);
--   rujukan*, indikator_ra  as in the file (a published document's table and page), null when absent.
-- No mart column is left out: tests/test_floor.py compares every column of every mart below with the
-- pipeline's published marts (same names, types and values).
-- Published tables the floor does not build, because they record the pipeline's own work rather than
-- the data: fct_koreksi (the corrections log: none here), fct_versi_kiriman (file versions and their
-- accepted/quarantined state), mart_kualitas_data (reader problems and audit findings: none for valid
-- input), temuan_validasi and publikasi (written by the audit and publish steps).
--
-- What "valid input" spares the floor (the pipeline's reader handles these, the floor does not):
--   .xlsx files (stopped with an error), ';' as separator, a header with other spellings or spacing,
--   Unicode whitespace other than spaces/tabs around cells, blank lines inside a file (the reader counts
--   them in `baris`, DuckDB skips them), and every check of the audit.
-- =====================================================================================================


-- -----------------------------------------------------------------------------------------------------
-- 1. Parsing helpers (orchestration/domain/numbers.py and codes.py, in SQL)
-- -----------------------------------------------------------------------------------------------------

-- An Indonesian number as canonical decimal text: '1.378.000,50' -> '1378000.50', '12,5' -> '12.5'.
-- Thousands are grouped by '.', decimals follow ','. Anything else (1,378,000 / 38.290.00) -> NULL.
create or replace temp macro angka_kanonik(teks) as (
    case when regexp_full_match(teks, '-?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?')
        then replace(replace(teks, '.', ''), ',', '.')
    end
);

-- Money: an optional 'Rp' prefix, at most two decimals -> DECIMAL(18,2).
create or replace temp macro rupiah(teks) as (
    cast(case
        when not regexp_matches(trim(regexp_replace(teks, '^\s*Rp\.?\s*', '', 'i')), ',[0-9]{3,}$')
            then angka_kanonik(trim(regexp_replace(teks, '^\s*Rp\.?\s*', '', 'i')))
    end as decimal(18, 2))
);

-- A target: a number optionally followed by a unit or '%': '100%', '5 Lembaga Kemasyarakatan',
-- '12 Laporan', '1,5' -> DECIMAL(18,4). Whitespace (non-breaking spaces included) is collapsed first.
create or replace temp macro target_angka(teks) as (
    cast(angka_kanonik(regexp_extract(
        regexp_replace(trim(replace(teks, chr(160), ' ')), '\s+', ' ', 'g'),
        '^(-?[0-9.,]+) ?(%|[^0-9\s.,].*)?$', 1
    )) as decimal(18, 4))
);

-- The unit as the pipeline normalises it: spacing only ('Orang/ Bulan' -> 'Orang/Bulan'); '' -> NULL.
create or replace temp macro satuan_baku(teks) as (
    nullif(regexp_replace(regexp_replace(trim(teks), '\s+', ' ', 'g'), '\s*/\s*', '/', 'g'), '')
);

-- A nomenclature code split in its parts: program 7.01.02, kegiatan 7.01.02.2.04, sub 7.01.02.2.04.0003
-- (a two-digit sub suffix .03 is the 2021 form of .0003; X001..X999 is a provisional code).
create or replace temp macro kode_bagian(teks) as (
    regexp_extract(
        replace(trim(teks), ' ', ''),
        '^(\d\.\d{2}\.\d{2})(?:\.(\d)\.(\d{2})(?:\.(\d{4}|\d{2}|X\d{3}))?)?$',
        ['program', 'tingkat', 'kegiatan', 'sub']
    )
);

-- The normalised code, its level and its parent from the parts (NULL for a malformed code or a
-- provincial kegiatan, 4th segment <> 2).
create or replace temp macro kode_normal(b) as (
    case
        when b.program = '' or b.tingkat not in ('', '2') then null
        when b.kegiatan = '' then b.program
        when b.sub = '' then b.program || '.2.' || b.kegiatan
        else b.program || '.2.' || b.kegiatan || '.' || lpad(b.sub, 4, '0')
    end
);
create or replace temp macro kode_level(b) as (
    case
        when b.program = '' or b.tingkat not in ('', '2') then null
        when b.kegiatan = '' then 'program'
        when b.sub = '' then 'kegiatan'
        else 'sub_kegiatan'
    end
);
create or replace temp macro kode_induk(b) as (
    case
        when b.program = '' or b.tingkat not in ('', '2') or b.kegiatan = '' then null
        when b.sub = '' then b.program
        else b.program || '.2.' || b.kegiatan
    end
);

-- pembilang / penyebut x 100, rounded half away from zero to 2 decimals, in exact integer arithmetic
-- (macro persen_tepat): values as whole numbers of 1/10.000, then an integer division.
create or replace temp macro persen_tepat(p, q) as (
    case
        when q is null or q = 0 or p is null then null
        else cast(sign(cast(cast(p as decimal(38, 4)) * 10000 as hugeint)) * sign(cast(cast(q as decimal(38, 4)) * 10000 as hugeint))
                  * ((2 * abs(cast(cast(p as decimal(38, 4)) * 10000 as hugeint)) * 10000 + abs(cast(cast(q as decimal(38, 4)) * 10000 as hugeint)))
                     // (2 * abs(cast(cast(q as decimal(38, 4)) * 10000 as hugeint)))) as decimal(18, 0)) * 0.01
    end
);

-- The mean of a percentage column, exact (macro rata_rata_tepat): sum over 100 x count.
create or replace temp macro rata_rata(x) as (persen_tepat(sum(x), 100 * count(x)));

-- Capaian kinerja in percent (macro capaian_persen): realisasi / target x 100; lower-is-better
-- indicators (arah 'turun'): (2 x target - realisasi) / target x 100, floored at 0. NULL when not measurable.
create or replace temp macro capaian(realisasi, target, arah) as (
    cast(case
        when target is null or target = 0 or realisasi is null then null
        when arah = 'turun' then greatest(persen_tepat(2 * target - realisasi, target), 0)
        else persen_tepat(realisasi, target)
    end as decimal(10, 2))
);

-- The 5-level capaian scale (var kategori_capaian of dbt_project.yml); a value between two printed
-- bands belongs to the lower band.
create or replace temp macro kategori(persen) as (
    case
        when persen is null then null
        when persen >= 91 then 'Sangat Baik'
        when persen >= 76 then 'Baik'
        when persen >= 66 then 'Cukup'
        when persen >= 51 then 'Kurang'
        else 'Sangat Kurang'
    end
);

-- Serapan anggaran in percent: realisasi anggaran / pagu x 100 (exact, as capaian).
create or replace temp macro serapan(realisasi_anggaran, pagu) as (
    cast(persen_tepat(realisasi_anggaran, pagu) as decimal(10, 2))
);

-- Mutu pelayanan from the IKM konversi (25-100), Permenpan RB 14/2017.
create or replace temp macro mutu_ikm(konversi) as (
    case
        when konversi is null then null
        when round(konversi, 2) >= 88.31 then 'A'
        when round(konversi, 2) >= 76.61 then 'B'
        when round(konversi, 2) >= 65.00 then 'C'
        else 'D'
    end
);


-- (end of the parsing helpers: floor.py runs the script up to this line to test them alone)


-- -----------------------------------------------------------------------------------------------------
-- 2. The files: which are there, and the one-version assumption
-- -----------------------------------------------------------------------------------------------------

create or replace temp table berkas as
select
    parse_filename(file) as nama_berkas,
    regexp_extract(parse_filename(file),
        '^(rencana|kinerja|realisasi|ikm)_(\d{2}\.\d{2}\.\d{2})_(\d{4})(?:_tw([1-4]))?(?:_v(\d{1,3}))?\.csv$',
        ['jenis', 'kode_wilayah', 'tahun', 'triwulan', 'versi']) as kunci
from glob(getvariable('files_dir') || '/*')
-- Like the pipeline, only .csv and .xlsx files are submissions (a README beside them is not); the floor
-- reads CSV only, so an .xlsx stops it below.
where lower(file) like '%.csv' or lower(file) like '%.xlsx';

select case when count(*) > 0
    then error('floor: expects one version per key of plain submission CSV files; found '
               || string_agg(nama_berkas, ', ' order by nama_berkas))
end as cek_berkas
from berkas
where kunci.jenis = '' or kunci.versi <> '' or (kunci.jenis = 'realisasi') <> (kunci.triwulan <> '');


-- -----------------------------------------------------------------------------------------------------
-- 3. One set-based read per kind of file: every cell as text, the file name beside it
-- -----------------------------------------------------------------------------------------------------
-- The scan keeps the files' row order (preserve_insertion_order), so the rowid of these temp tables
-- orders the rows of each file and gives its spreadsheet row number (baris).

-- Every submission file of a name pattern, every cell as text (the CSV dialect of the submission format).
create or replace temp macro baca_kiriman(pola) as table
select * from read_csv(getvariable('files_dir') || pola,
    all_varchar = true, filename = true, union_by_name = true, header = true,
    delim = ',', quote = '"', escape = '"');

create or replace temp table rencana_teks as
select * from baca_kiriman('/rencana_*.csv');
-- Optional plan columns a file may leave out entirely read as empty.
alter table rencana_teks add column if not exists target_akhir_tahun varchar;
alter table rencana_teks add column if not exists pagu_akhir_tahun varchar;
alter table rencana_teks add column if not exists agregasi_target varchar;
alter table rencana_teks add column if not exists arah_indikator varchar;
alter table rencana_teks add column if not exists catatan varchar;
alter table rencana_teks add column if not exists indikator_ra varchar;
alter table rencana_teks add column if not exists rujukan_rkt varchar;
alter table rencana_teks add column if not exists rujukan_ra varchar;

create or replace temp table kinerja_teks as
select * from baca_kiriman('/kinerja_*.csv');
alter table kinerja_teks add column if not exists tujuan varchar;
alter table kinerja_teks add column if not exists sasaran varchar;
alter table kinerja_teks add column if not exists satuan varchar;
alter table kinerja_teks add column if not exists formulasi varchar;
alter table kinerja_teks add column if not exists sumber_data varchar;
alter table kinerja_teks add column if not exists penanggung_jawab varchar;
alter table kinerja_teks add column if not exists rujukan varchar;

-- One scan per triwulan, one after the other: with union_by_name DuckDB keeps every file of a scan
-- open, and the realisasi of 7.285 kecamatan (29.140 files) exceed the usual limit of open files.
create or replace temp table realisasi_teks as
select * from baca_kiriman('/realisasi_*_tw1.csv');
insert into realisasi_teks by name
select * from baca_kiriman('/realisasi_*_tw2.csv');
insert into realisasi_teks by name
select * from baca_kiriman('/realisasi_*_tw3.csv');
insert into realisasi_teks by name
select * from baca_kiriman('/realisasi_*_tw4.csv');
alter table realisasi_teks add column if not exists permasalahan varchar;
alter table realisasi_teks add column if not exists tindak_lanjut varchar;

create or replace temp table ikm_teks as
select * from baca_kiriman('/ikm_*.csv');

create or replace temp table wilayah as
select
    kode_kecamatan as kode_wilayah,
    nama_kecamatan,
    kode_kabupaten,
    nama_kabupaten,
    kode_provinsi,
    nama_provinsi,
    cast(jumlah_kelurahan as integer) as jumlah_kelurahan,
    cast(jumlah_desa as integer) as jumlah_desa
from read_csv(getvariable('referensi_dir') || '/wilayah_kecamatan.csv',
    all_varchar = true, header = true, delim = ',', quote = '"', escape = '"');

create or replace temp table nomenklatur as
select
    kode,
    level,
    nama,
    nullif(kode_induk, '') as kode_induk,
    nullif(indikator, '') as indikator,
    nullif(satuan, '') as satuan,
    coalesce(keyakinan, '') as keyakinan,
    cast(kode_sementara as boolean) as kode_sementara,
    nullif(catatan, '') as catatan
from read_csv(getvariable('referensi_dir') || '/nomenklatur.csv',
    all_varchar = true, header = true, delim = ',', quote = '"', escape = '"');


-- -----------------------------------------------------------------------------------------------------
-- 4. Parsed rows (what the Python reader and the staging models produce)
-- -----------------------------------------------------------------------------------------------------
-- Cells are trimmed; an empty text cell stays '' where the pipeline keeps it as received (uraian,
-- indikator, penanggung_jawab), and is NULL where the pipeline makes it NULL.

-- One row per plan node, the whole year and the four triwulan side by side.
create or replace temp table rencana as
with baris as (
    select
        *,
        parse_filename(filename) as nama_berkas,
        kode_bagian(kode) as b,
        row_number() over (partition by filename order by rowid) + 1 as baris
    from rencana_teks
),

dibaca as (
    select
        regexp_extract(nama_berkas, '^rencana_(\d{2}\.\d{2}\.\d{2})_', 1) as kode_wilayah,
        cast(regexp_extract(nama_berkas, '_(\d{4})\.csv$', 1) as integer) as tahun,
        kode_normal(b) as kode,
        kode_level(b) as level,
        kode_induk(b) as kode_induk,
        coalesce(b.sub like 'X%', false) as kode_sementara,
        coalesce(trim(uraian), '') as uraian,
        coalesce(trim(indikator), '') as indikator,
        satuan_baku(satuan) as satuan,
        lower(trim(agregasi_target)) as agregasi_tertulis,
        lower(trim(arah_indikator)) as arah_tertulis,
        coalesce(trim(penanggung_jawab), '') as penanggung_jawab,
        -- the numbers: parsed value and the text as printed
        rupiah(trim(pagu)) as pagu,
        [rupiah(trim(pagu_tw1)), rupiah(trim(pagu_tw2)), rupiah(trim(pagu_tw3)), rupiah(trim(pagu_tw4))] as pagu_tw,
        target_angka(trim(target)) as target,
        [target_angka(trim(target_tw1)), target_angka(trim(target_tw2)),
         target_angka(trim(target_tw3)), target_angka(trim(target_tw4))] as target_tw,
        nullif(trim(pagu), '') as pagu_terbit,
        [nullif(trim(pagu_tw1), ''), nullif(trim(pagu_tw2), ''),
         nullif(trim(pagu_tw3), ''), nullif(trim(pagu_tw4), '')] as pagu_tw_terbit,
        nullif(trim(target), '') as target_terbit,
        [nullif(trim(target_tw1), ''), nullif(trim(target_tw2), ''),
         nullif(trim(target_tw3), ''), nullif(trim(target_tw4), '')] as target_tw_terbit,
        -- the Rencana Aksi's end-of-year column ("Kondisi Kinerja Pada Akhir Tahun")
        target_angka(trim(target_akhir_tahun)) as target_akhir_tahun,
        rupiah(trim(pagu_akhir_tahun)) as pagu_akhir_tahun,
        nullif(trim(target_akhir_tahun), '') as target_akhir_tahun_terbit,
        nullif(trim(pagu_akhir_tahun), '') as pagu_akhir_tahun_terbit,
        -- where the row is printed in a published document
        nullif(trim(indikator_ra), '') as indikator_ra,
        nullif(trim(rujukan_rkt), '') as rujukan_rkt,
        nullif(trim(rujukan_ra), '') as rujukan_ra,
        nama_berkas,
        baris
    from baris
)

select
    * exclude (agregasi_tertulis, arah_tertulis),
    -- An empty quarterly pagu is an implied zero (nothing is planned in it) when no quarter is unreadable
    -- and the known quarters already add up to the annual or the end-of-year pagu (int_rencana__sel).
    coalesce(
        (pagu_tw[1] is null and pagu_tw_terbit[1] is not null) or (pagu_tw[2] is null and pagu_tw_terbit[2] is not null)
        or (pagu_tw[3] is null and pagu_tw_terbit[3] is not null) or (pagu_tw[4] is null and pagu_tw_terbit[4] is not null),
        false) = false
    and coalesce(
        coalesce(pagu_tw[1], 0) + coalesce(pagu_tw[2], 0) + coalesce(pagu_tw[3], 0) + coalesce(pagu_tw[4], 0) = pagu
        or coalesce(pagu_tw[1], 0) + coalesce(pagu_tw[2], 0) + coalesce(pagu_tw[3], 0) + coalesce(pagu_tw[4], 0)
           = pagu_akhir_tahun,
        false) as pagu_kosong_nol,
    -- How quarterly targets add up: as written, else 'akhir' for percentages and 'jumlah' otherwise.
    case
        when agregasi_tertulis in ('jumlah', 'tetap', 'akhir') then agregasi_tertulis
        when lower(coalesce(satuan, '')) in ('%', 'persen') then 'akhir'
        else 'jumlah'
    end as agregasi_target,
    -- Polarity: higher is better unless written 'turun'.
    case when arah_tertulis in ('naik', 'turun') then arah_tertulis else 'naik' end as arah_indikator,
    getvariable('sumber') as sumber
from dibaca
where kode is not null;

-- The state of an annual or end-of-year cell (int_rencana__sel): terisi, tak_terbaca or kosong.
create or replace temp macro keadaan_tahunan(nilai, teks) as (
    case when nilai is not null then 'terisi' when teks is not null then 'tak_terbaca' else 'kosong' end
);

-- The plan per triwulan: one row per node and triwulan 1-4, with the state of each cell (int_rencana__sel):
-- terisi, tak_terbaca, nol_tersirat (empty and nothing planned: the row's other quarters add up to its year;
-- a target whose quarter's pagu is implied zero or 0) or hilang (empty otherwise). target and pagu are the
-- values arithmetic may use: 0 for nol_tersirat, null when not known.
create or replace temp table rencana_triwulan as
with sel as (
    select
        r.*,
        q.triwulan,
        case
            when r.pagu_tw[q.triwulan] is not null then 'terisi'
            when r.pagu_tw_terbit[q.triwulan] is not null then 'tak_terbaca'
            when r.pagu_kosong_nol then 'nol_tersirat'
            else 'hilang'
        end as keadaan_pagu
    from rencana as r
    cross join (select unnest([1, 2, 3, 4]) as triwulan) as q
),

keadaan as (
    select
        *,
        case
            when target_tw[triwulan] is not null then 'terisi'
            when target_tw_terbit[triwulan] is not null then 'tak_terbaca'
            when keadaan_pagu = 'nol_tersirat' or pagu_tw[triwulan] = 0 then 'nol_tersirat'
            else 'hilang'
        end as keadaan_target
    from sel
)

select
    kode_wilayah,
    tahun,
    triwulan,
    kode,
    level,
    kode_induk,
    case when keadaan_target = 'nol_tersirat' then 0 else target_tw[triwulan] end :: decimal(18, 4) as target,
    case when keadaan_pagu = 'nol_tersirat' then 0 else pagu_tw[triwulan] end :: decimal(18, 2) as pagu,
    target_tw_terbit[triwulan] as target_terbit,
    pagu_tw_terbit[triwulan] as pagu_terbit,
    keadaan_target,
    keadaan_pagu,
    keadaan_target in ('terisi', 'nol_tersirat') as target_diketahui,
    keadaan_pagu in ('terisi', 'nol_tersirat') as pagu_diketahui,
    agregasi_target,
    arah_indikator,
    pagu as pagu_tahunan,
    keadaan_tahunan(pagu, pagu_terbit) as keadaan_pagu_tahunan,
    rujukan_rkt,
    rujukan_ra,
    sumber,
    nama_berkas,
    baris
from keadaan;

-- Realisasi: one row per file row, the values of that triwulan alone.
create or replace temp table realisasi as
select
    regexp_extract(nama_berkas, '^realisasi_(\d{2}\.\d{2}\.\d{2})_', 1) as kode_wilayah,
    cast(regexp_extract(nama_berkas, '_(\d{4})_tw', 1) as integer) as tahun,
    cast(regexp_extract(nama_berkas, '_tw([1-4])\.csv$', 1) as integer) as triwulan,
    kode_normal(b) as kode,
    kode_level(b) as level,
    target_angka(trim(realisasi_target)) as realisasi_target,
    rupiah(trim(realisasi_anggaran)) as realisasi_anggaran,
    nullif(trim(keterangan), '') as keterangan,
    nullif(trim(permasalahan), '') as permasalahan,
    nullif(trim(tindak_lanjut), '') as tindak_lanjut,
    1 as versi,
    getvariable('sumber') as sumber,
    nama_berkas,
    baris
from (
    select
        *,
        parse_filename(filename) as nama_berkas,
        kode_bagian(kode) as b,
        row_number() over (partition by filename order by rowid) + 1 as baris
    from realisasi_teks
);

-- Strategic targets (tujuan/sasaran, IKU, Perjanjian Kinerja), with the file's berkas_id.
create or replace temp table kinerja as
with hash as (
    select parse_filename(filename) as nama_berkas, sha256(content) as sha256
    from read_blob(getvariable('files_dir') || '/kinerja_*.csv')
)

select
    regexp_extract(k.nama_berkas, '^kinerja_(\d{2}\.\d{2}\.\d{2})_', 1) as kode_wilayah,
    cast(regexp_extract(k.nama_berkas, '_(\d{4})\.csv$', 1) as integer) as tahun,
    trim(k.tabel) as tabel,
    cast(nullif(trim(k."no"), '') as integer) as no_urut,
    nullif(trim(k.tujuan), '') as tujuan,
    nullif(trim(k.sasaran), '') as sasaran,
    coalesce(trim(k.indikator), '') as indikator,
    nullif(trim(k.satuan), '') as satuan,
    nullif(trim(k.formulasi), '') as formulasi,
    nullif(trim(k.sumber_data), '') as sumber_data,
    nullif(trim(k.penanggung_jawab), '') as penanggung_jawab,
    case when regexp_full_match(trim(k.tahun_target), '[0-9]{4}') then cast(trim(k.tahun_target) as integer)
    end as tahun_target,
    target_angka(trim(k.target)) as target,
    coalesce(trim(k.target), '') as target_terbit,
    nullif(trim(k.rujukan), '') as rujukan,
    getvariable('sumber') as sumber,
    left(h.sha256, 16) || ':' || k.nama_berkas as berkas_id,
    k.nama_berkas,
    k.baris
from (
    select
        *,
        parse_filename(filename) as nama_berkas,
        row_number() over (partition by filename order by rowid) + 1 as baris
    from kinerja_teks
) as k
inner join hash as h on h.nama_berkas = k.nama_berkas;

-- IKM answers in long form: one row per respondent and unsur u1..u9, the answer 1-4.
create or replace temp table ikm_jawaban as
select
    regexp_extract(nama_berkas, '^ikm_(\d{2}\.\d{2}\.\d{2})_', 1) as kode_wilayah,
    cast(regexp_extract(nama_berkas, '_(\d{4})\.csv$', 1) as integer) as tahun,
    no_responden,
    unsur,
    case when trim(jawaban) in ('1', '2', '3', '4') then cast(trim(jawaban) as integer) end as nilai,
    getvariable('sumber') as sumber,
    nama_berkas
from (
    unpivot (
        select parse_filename(filename) as nama_berkas, trim(no_responden) as no_responden,
               u1, u2, u3, u4, u5, u6, u7, u8, u9
        from ikm_teks
    )
    on u1, u2, u3, u4, u5, u6, u7, u8, u9
    into name unsur value jawaban
);


-- -----------------------------------------------------------------------------------------------------
-- 5. The marts
-- -----------------------------------------------------------------------------------------------------
create schema if not exists marts;

-- All kecamatan of Indonesia (Kemendagri codes).
create or replace table marts.dim_kecamatan as
select * from wilayah;

-- The nomenclature tree of urusan 7.01.
create or replace table marts.dim_nomenklatur as
select * from nomenklatur;

-- The annual plan: one row per kecamatan, year and node: the RKT's annual target and pagu and the Rencana
-- Aksi's end-of-year column beside the cells as printed, their state, and where the row is printed. No
-- corrections log here: nothing is corrected and nothing rests on an assumption.
create or replace table marts.fct_rencana_tahunan as
select
    kode_wilayah,
    tahun,
    kode,
    level,
    kode_induk,
    uraian,
    indikator,
    satuan,
    target,
    pagu,
    target_akhir_tahun,
    pagu_akhir_tahun,
    agregasi_target,
    penanggung_jawab,
    uraian as uraian_terbit,
    target_terbit,
    pagu_terbit,
    target_akhir_tahun_terbit,
    pagu_akhir_tahun_terbit,
    keadaan_tahunan(target, target_terbit) as keadaan_target,
    keadaan_tahunan(pagu, pagu_terbit) as keadaan_pagu,
    keadaan_tahunan(target_akhir_tahun, target_akhir_tahun_terbit) as keadaan_target_akhir_tahun,
    keadaan_tahunan(pagu_akhir_tahun, pagu_akhir_tahun_terbit) as keadaan_pagu_akhir_tahun,
    false as dikoreksi,
    false as berdasar_asumsi,
    false as triwulan_berdasar_asumsi,
    kode_sementara,
    indikator_ra,
    rujukan_rkt,
    rujukan_ra,
    sumber,
    nama_berkas,
    cast(baris as integer) as baris
from rencana;

-- The quarterly plan: one row per kecamatan, year, triwulan and node (0 for an implied-zero quarter, null for
-- a lost one, and the state of each cell).
create or replace table marts.fct_rencana_triwulan as
select
    kode_wilayah,
    tahun,
    triwulan,
    kode,
    level,
    kode_induk,
    target,
    pagu,
    target_terbit,
    pagu_terbit,
    keadaan_target,
    keadaan_pagu,
    false as dikoreksi,
    false as berdasar_asumsi,
    rujukan_ra,
    sumber,
    nama_berkas,
    cast(baris as integer) as baris
from rencana_triwulan;

-- The indicator of each plan node.
create or replace table marts.dim_indikator as
select
    kode_wilayah || '|' || tahun || '|' || kode as indikator_id,
    kode_wilayah,
    tahun,
    kode,
    level,
    indikator,
    satuan,
    agregasi_target,
    arah_indikator as arah
from rencana;

-- Years with a plan and their triwulan (0 = the whole year).
create or replace table marts.dim_periode as
select
    cast(t.tahun * 10 + q.triwulan as integer) as periode_id,
    t.tahun,
    q.triwulan,
    case when q.triwulan = 0 then 'Tahun ' || t.tahun else 'TW' || q.triwulan || ' ' || t.tahun end as label,
    make_date(t.tahun, case when q.triwulan = 0 then 1 else (q.triwulan - 1) * 3 + 1 end, 1) as tanggal_mulai,
    case when q.triwulan = 0 then make_date(t.tahun, 12, 31)
        else last_day(make_date(t.tahun, q.triwulan * 3, 1)) end as tanggal_akhir
from (select distinct tahun from rencana) as t
cross join (select unnest([0, 1, 2, 3, 4]) as triwulan) as q;

-- Strategic targets.
create or replace table marts.fct_target_kinerja as
select
    kode_wilayah, tahun, tabel, no_urut, tujuan, sasaran, indikator, satuan, formulasi, sumber_data,
    penanggung_jawab, tahun_target, target, target_terbit, rujukan, sumber, berkas_id, nama_berkas,
    cast(baris as integer) as baris
from kinerja;

-- Realisasi per triwulan (that triwulan alone).
create or replace table marts.fct_realisasi_triwulan as
select
    kode_wilayah,
    tahun,
    triwulan,
    kode,
    level,
    realisasi_target,
    realisasi_anggaran,
    keterangan,
    permasalahan,
    tindak_lanjut,
    versi,
    sumber,
    sumber = 'sampel' as sampel,
    nama_berkas,
    cast(baris as integer) as baris
from realisasi;

-- Capaian and serapan per kecamatan, year, triwulan and plan node, for the triwulan and year to date.
-- Only kecamatan-years with some realisasi; every plan node, every triwulan. Missing is not zero: a figure
-- whose inputs are not all known is null, with what is missing in catatan_kelengkapan (Indonesian).
--   year to date, jumlah: the quarters TW1..TWn added up (null when one is not known);
--   year to date, tetap and akhir: the target of the latest quarter with a target (one whose target is not
--   known to be 0) and this triwulan's realisasi;
--   serapan to date: pagu and realisasi anggaran of TW1..TWn (null when one is not known); of the year:
--   realisasi to date against the annual pagu.
create or replace table marts.mart_capaian_triwulan as
with gabung as (
    select
        p.*,
        r.kode is not null as ada_realisasi,
        r.realisasi_target as realisasi,
        r.realisasi_anggaran,
        r.sumber as sumber_realisasi,
        p.pagu_tahunan is not null as pagu_tahunan_diketahui,
        not (p.target_diketahui and p.target = 0) as bertarget
    from rencana_triwulan as p
    left join realisasi as r
        on r.kode_wilayah = p.kode_wilayah and r.tahun = p.tahun and r.triwulan = p.triwulan and r.kode = p.kode
    where (p.kode_wilayah, p.tahun) in (select kode_wilayah, tahun from realisasi)
),

kumulatif as (
    -- year to date: every quarter of the node up to this one
    select
        *,
        sum(target) over ytd as target_jumlah,
        bool_and(target_diketahui) over ytd as target_jumlah_diketahui,
        -- tetap and akhir: the latest quarter with a target, its target and whether that is known
        last_value(case when bertarget then {'triwulan': triwulan, 'target': target, 'diketahui': target_diketahui,
                                             'keadaan': keadaan_target} end ignore nulls) over ytd as bertarget_terakhir,
        sum(realisasi) over ytd as realisasi_jumlah,
        bool_and(realisasi is not null) over ytd as realisasi_jumlah_ada,
        sum(pagu) over ytd as pagu_jumlah,
        bool_and(pagu_diketahui) over ytd as pagu_jumlah_diketahui,
        sum(realisasi_anggaran) over ytd as realisasi_anggaran_jumlah,
        bool_and(realisasi_anggaran is not null) over ytd as realisasi_anggaran_jumlah_ada,
        bool_or(not target_diketahui or not pagu_diketahui or realisasi is null or realisasi_anggaran is null)
            over ytd as ada_yang_tidak_diketahui
    from gabung
    window ytd as (partition by kode_wilayah, tahun, kode order by triwulan rows between unbounded preceding and current row)
),

catatan as (
    -- what is not known up to each triwulan, quarter by quarter (rows that miss something only)
    select
        g.kode_wilayah,
        g.tahun,
        g.kode,
        g.triwulan,
        string_agg('target TW' || s.triwulan || ' ' || replace(s.keadaan_target, '_', ' '), '; ' order by s.triwulan)
            filter (where not s.target_diketahui) as catatan_target,
        string_agg('pagu TW' || s.triwulan || ' ' || replace(s.keadaan_pagu, '_', ' '), '; ' order by s.triwulan)
            filter (where not s.pagu_diketahui) as catatan_pagu,
        string_agg('realisasi TW' || s.triwulan || ' belum dilaporkan', '; ' order by s.triwulan)
            filter (where not s.ada_realisasi) as catatan_belum_dilaporkan,
        string_agg('realisasi fisik TW' || s.triwulan || ' kosong', '; ' order by s.triwulan)
            filter (where s.ada_realisasi and s.realisasi is null
                    and (g.agregasi_target = 'jumlah' or s.triwulan = g.triwulan)) as catatan_realisasi,
        string_agg('realisasi anggaran TW' || s.triwulan || ' kosong', '; ' order by s.triwulan)
            filter (where s.ada_realisasi and s.realisasi_anggaran is null) as catatan_realisasi_anggaran
    from kumulatif as g
    inner join gabung as s
        on s.kode_wilayah = g.kode_wilayah and s.tahun = g.tahun and s.kode = g.kode and s.triwulan <= g.triwulan
    where g.ada_yang_tidak_diketahui
    group by g.kode_wilayah, g.tahun, g.kode, g.triwulan, g.agregasi_target
),

dinilai as (
    select
        k.*,
        case
            when k.agregasi_target = 'jumlah' then case when k.target_jumlah_diketahui then k.target_jumlah end
            when k.bertarget_terakhir is null then 0
            else k.bertarget_terakhir.target
        end as target_kumulatif,
        case
            when k.agregasi_target = 'jumlah' then case when k.realisasi_jumlah_ada then k.realisasi_jumlah end
            else k.realisasi
        end as realisasi_kumulatif,
        case when k.pagu_jumlah_diketahui then k.pagu_jumlah end as pagu_kumulatif,
        case when k.realisasi_anggaran_jumlah_ada then k.realisasi_anggaran_jumlah end as realisasi_anggaran_kumulatif,
        case
            when k.agregasi_target = 'jumlah' then k.target_jumlah_diketahui and k.realisasi_jumlah_ada
            else coalesce(k.bertarget_terakhir.diketahui, true) and k.realisasi is not null
        end as capaian_lengkap,
        k.pagu_jumlah_diketahui and k.realisasi_anggaran_jumlah_ada as serapan_lengkap,
        k.pagu_tahunan_diketahui and k.realisasi_anggaran_jumlah_ada as serapan_tahunan_lengkap,
        nullif(concat_ws('; ',
            case
                when k.agregasi_target = 'jumlah' then c.catatan_target
                when not k.bertarget_terakhir.diketahui
                    then 'target TW' || k.bertarget_terakhir.triwulan || ' ' || replace(k.bertarget_terakhir.keadaan, '_', ' ')
            end,
            c.catatan_pagu,
            case when not k.pagu_tahunan_diketahui
                then 'pagu tahunan ' || replace(k.keadaan_pagu_tahunan, '_', ' ') end,
            c.catatan_belum_dilaporkan,
            c.catatan_realisasi,
            c.catatan_realisasi_anggaran
        ), '') as catatan_kelengkapan
    from kumulatif as k
    left join catatan as c
        on c.kode_wilayah = k.kode_wilayah and c.tahun = k.tahun and c.kode = k.kode and c.triwulan = k.triwulan
)

select
    kode_wilayah,
    tahun,
    triwulan,
    kode,
    level,
    target,
    realisasi,
    capaian(realisasi, target, arah_indikator) as capaian_persen,
    kategori(capaian(realisasi, target, arah_indikator)) as kategori,
    pagu,
    realisasi_anggaran,
    serapan(realisasi_anggaran, pagu) as serapan_persen,
    cast(target_kumulatif as decimal(18, 4)) as target_kumulatif,
    cast(realisasi_kumulatif as decimal(18, 4)) as realisasi_kumulatif,
    capaian(realisasi_kumulatif, target_kumulatif, arah_indikator) as capaian_kumulatif_persen,
    kategori(capaian(realisasi_kumulatif, target_kumulatif, arah_indikator)) as kategori_kumulatif,
    cast(pagu_kumulatif as decimal(18, 2)) as pagu_kumulatif,
    cast(realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    serapan(realisasi_anggaran_kumulatif, pagu_kumulatif) as serapan_kumulatif_persen,
    pagu_tahunan,
    serapan(realisasi_anggaran_kumulatif, pagu_tahunan) as serapan_tahunan_persen,
    keadaan_target,
    keadaan_pagu,
    capaian_lengkap,
    serapan_lengkap,
    serapan_tahunan_lengkap,
    capaian_lengkap and serapan_lengkap and serapan_tahunan_lengkap as lengkap,
    catatan_kelengkapan,
    -- no corrections log: no figure rests on an assumption
    false as capaian_berdasar_asumsi,
    false as serapan_berdasar_asumsi,
    false as serapan_tahunan_berdasar_asumsi,
    false as berdasar_asumsi,
    agregasi_target,
    arah_indikator,
    sumber as sumber_rencana,
    sumber_realisasi,
    rujukan_rkt,
    rujukan_ra,
    coalesce(sumber_realisasi = 'sampel' or sumber = 'sampel', false) as sampel
from dinilai;

-- The IKM per kecamatan, year and unsur (Permenpan RB 14/2017):
--   NRR = mean answer of the unsur; NRR tertimbang = NRR / number of unsur (penimbang 1/9);
--   IKM = sum of the NRR tertimbang (1-4); konversi = IKM x 25 (25-100); mutu A-D from the konversi.
create or replace table marts.mart_ikm as
with per_unsur as (
    select
        kode_wilayah, tahun, unsur,
        any_value(sumber) as sumber,
        any_value(nama_berkas) as nama_berkas,
        sum(nilai) as jumlah_nilai,
        count(nilai) as jumlah_jawaban
    from ikm_jawaban
    group by kode_wilayah, tahun, unsur
),

indeks as (
    select kode_wilayah, tahun, count(*) as jumlah_unsur, sum(jumlah_nilai / jumlah_jawaban) / count(*) as ikm
    from per_unsur
    group by kode_wilayah, tahun
),

responden as (
    select kode_wilayah, tahun, count(distinct no_responden) as responden
    from ikm_jawaban
    group by kode_wilayah, tahun
)

select
    u.kode_wilayah,
    u.tahun,
    u.unsur,
    cast(round(u.jumlah_nilai / u.jumlah_jawaban, 4) as decimal(10, 4)) as nrr,
    cast(round(u.jumlah_nilai / u.jumlah_jawaban / i.jumlah_unsur, 4) as decimal(10, 4)) as nrr_tertimbang,
    cast(round(i.ikm, 4) as decimal(10, 4)) as ikm,
    cast(round(i.ikm * 25, 2) as decimal(6, 2)) as ikm_konversi,
    mutu_ikm(cast(round(i.ikm * 25, 2) as decimal(6, 2))) as mutu,
    case mutu_ikm(cast(round(i.ikm * 25, 2) as decimal(6, 2)))
        when 'A' then 'Sangat Baik' when 'B' then 'Baik' when 'C' then 'Kurang Baik' when 'D' then 'Tidak Baik'
    end as kinerja_unit,
    r.responden,
    384 as sampel_minimum,  -- Krejcie-Morgan for an unknown (large) population
    u.sumber,
    u.sumber = 'sampel' as sampel,
    u.nama_berkas
from per_unsur as u
inner join indeks as i on i.kode_wilayah = u.kode_wilayah and i.tahun = u.tahun
inner join responden as r on r.kode_wilayah = u.kode_wilayah and r.tahun = u.tahun;

-- The Perjanjian Kinerja indicators with their realisasi for the year:
--   IKM: the IKM konversi of the survey;
--   Program Penunjang: the mean over the sub-kegiatan of 7.01.01 of their cumulative capaian, capped at
--   100, at the latest triwulan with realisasi anggaran; over the complete set or not at all (null, with
--   the incomplete sub-kegiatan named, when one's capaian has an unknown input). A sub-kegiatan whose capaian
--   is not measurable (target 0) is left out.
create or replace table marts.mart_kinerja_utama as
with ikm as (
    select distinct kode_wilayah, tahun, ikm_konversi, responden, sampel from marts.mart_ikm
),

penunjang as (
    select
        kode_wilayah,
        tahun,
        triwulan,
        -- least() skips nulls (least(null, 100) = 100): keep a capaian that is not measurable null
        rata_rata(case when capaian_kumulatif_persen is not null then least(capaian_kumulatif_persen, 100) end)
            as nilai,
        count(capaian_kumulatif_persen) as banyak_indikator,
        count(*) as banyak_sub_kegiatan,
        bool_and(capaian_lengkap) as lengkap,
        count(*) filter (where not capaian_lengkap) as banyak_tidak_lengkap,
        string_agg(kode, ', ' order by kode) filter (where not capaian_lengkap) as tidak_lengkap,
        bool_or(capaian_berdasar_asumsi) as berdasar_asumsi,
        bool_or(sampel) as sampel
    from marts.mart_capaian_triwulan
    where level = 'sub_kegiatan' and kode like '7.01.01.%'
        and (kode_wilayah, tahun, triwulan) in (
            select kode_wilayah, tahun, max(triwulan)
            from marts.mart_capaian_triwulan
            where realisasi_anggaran is not null
            group by kode_wilayah, tahun
        )
    group by kode_wilayah, tahun, triwulan
),

gabung as (
    select
        pk.*,
        case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' then 'ikm'
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' then 'penunjang'
        end as ukuran,
        ikm.ikm_konversi, ikm.responden, ikm.sampel as sampel_ikm,
        pen.nilai, pen.banyak_indikator, pen.triwulan, pen.sampel as sampel_penunjang,
        pen.banyak_sub_kegiatan, pen.lengkap as lengkap_penunjang, pen.banyak_tidak_lengkap, pen.tidak_lengkap,
        pen.berdasar_asumsi as asumsi_penunjang
    from kinerja as pk
    left join ikm on ikm.kode_wilayah = pk.kode_wilayah and ikm.tahun = pk.tahun
    left join penunjang as pen on pen.kode_wilayah = pk.kode_wilayah and pen.tahun = pk.tahun
    where pk.tabel = 'perjanjian_kinerja' and pk.tahun_target = pk.tahun
),

dinilai as (
    select
        *,
        case ukuran
            when 'ikm' then ikm_konversi
            when 'penunjang' then case when lengkap_penunjang then nilai end
        end as realisasi
    from gabung
)

select
    kode_wilayah,
    tahun,
    no_urut,
    sasaran,
    indikator,
    satuan,
    target,
    cast(realisasi as decimal(18, 4)) as realisasi,
    capaian(realisasi, target, 'naik') as capaian_persen,
    kategori(capaian(realisasi, target, 'naik')) as kategori,
    case ukuran
        when 'ikm' then 'survei IKM, ' || responden || ' responden'
        when 'penunjang' then 'rata-rata capaian kumulatif ' || banyak_indikator
                              || ' sub-kegiatan 7.01.01 s.d. TW' || triwulan
    end as dasar_realisasi,
    case ukuran
        when 'ikm' then ikm_konversi is not null
        when 'penunjang' then coalesce(lengkap_penunjang, false)
        else false
    end as lengkap,
    case
        when ukuran = 'ikm' and ikm_konversi is null then 'survei IKM tahun ini belum ada'
        when ukuran = 'penunjang' and triwulan is null then 'realisasi belum dilaporkan'
        when ukuran = 'penunjang' and not lengkap_penunjang
            then 'capaian kumulatif s.d. TW' || triwulan || ' tidak lengkap pada ' || banyak_tidak_lengkap
                 || ' dari ' || banyak_sub_kegiatan || ' sub-kegiatan 7.01.01: ' || tidak_lengkap
                 || ' (lihat catatan_kelengkapan di mart_capaian_triwulan)'
        when ukuran is null then 'realisasi indikator ini tidak dihitung oleh Monev Kinerja'
    end as catatan_kelengkapan,
    coalesce(case ukuran when 'penunjang' then asumsi_penunjang end, false) as berdasar_asumsi,
    coalesce(case ukuran when 'ikm' then sampel_ikm when 'penunjang' then sampel_penunjang end, false) as sampel,
    sumber as sumber_target,
    rujukan as rujukan_target
from dinilai;

-- The kabupaten view: per kecamatan, year and triwulan its program totals, serapan, the mean capaian of
-- its sub-kegiatan and its ranks in the kabupaten. A total, serapan or mean over a component that is not
-- known is null with its reason; a rank ranks only the kecamatan with a complete figure (null otherwise).
create or replace table marts.mart_kabupaten_triwulan as
with per_kecamatan as (
    select
        kode_wilayah,
        tahun,
        triwulan,
        sum(pagu) filter (where level = 'program') as pagu_jumlah,
        bool_and(pagu is not null) filter (where level = 'program') as pagu_diketahui,
        sum(realisasi_anggaran) filter (where level = 'program') as realisasi_anggaran_jumlah,
        bool_and(realisasi_anggaran is not null) filter (where level = 'program') as realisasi_anggaran_ada,
        sum(pagu_kumulatif) filter (where level = 'program') as pagu_kumulatif_jumlah,
        bool_and(pagu_kumulatif is not null) filter (where level = 'program') as pagu_kumulatif_diketahui,
        sum(realisasi_anggaran_kumulatif) filter (where level = 'program') as realisasi_anggaran_kumulatif_jumlah,
        bool_and(realisasi_anggaran_kumulatif is not null) filter (where level = 'program')
            as realisasi_anggaran_kumulatif_ada,
        sum(pagu_tahunan) filter (where level = 'program') as pagu_tahunan_jumlah,
        bool_and(pagu_tahunan is not null) filter (where level = 'program') as pagu_tahunan_diketahui,
        coalesce(bool_and(serapan_lengkap) filter (where level = 'program'), false) as serapan_lengkap,
        coalesce(bool_and(serapan_tahunan_lengkap) filter (where level = 'program'), false) as serapan_tahunan_lengkap,
        bool_and(target is not null and realisasi is not null) filter (where level = 'sub_kegiatan')
            as capaian_triwulan_lengkap,
        coalesce(bool_and(capaian_lengkap) filter (where level = 'sub_kegiatan'), false) as capaian_lengkap,
        rata_rata(case when level = 'sub_kegiatan' then capaian_persen end) as rata_rata_capaian,
        rata_rata(case when level = 'sub_kegiatan' then capaian_kumulatif_persen end) as rata_rata_capaian_kumulatif,
        coalesce(bool_or(serapan_berdasar_asumsi) filter (where level = 'program'), false) as serapan_berdasar_asumsi,
        coalesce(bool_or(serapan_tahunan_berdasar_asumsi) filter (where level = 'program'), false)
            as serapan_tahunan_berdasar_asumsi,
        coalesce(bool_or(capaian_berdasar_asumsi) filter (where level = 'sub_kegiatan'), false)
            as capaian_berdasar_asumsi,
        string_agg(kode, ', ' order by kode) filter (where level = 'program' and not serapan_lengkap)
            as program_serapan_tidak_lengkap,
        string_agg(kode, ', ' order by kode) filter (where level = 'program' and not serapan_tahunan_lengkap)
            as program_serapan_tahunan_tidak_lengkap,
        count(*) filter (where level = 'sub_kegiatan' and not capaian_lengkap) as sub_kegiatan_tidak_lengkap,
        count(*) filter (where level = 'sub_kegiatan') as sub_kegiatan,
        bool_or(sampel) as sampel
    from marts.mart_capaian_triwulan
    group by kode_wilayah, tahun, triwulan
),

dinilai as (
    select
        p.kode_wilayah,
        p.tahun,
        p.triwulan,
        w.kode_kabupaten,
        w.nama_kabupaten,
        w.nama_kecamatan,
        case when p.pagu_diketahui then p.pagu_jumlah end as pagu,
        case when p.realisasi_anggaran_ada then p.realisasi_anggaran_jumlah end as realisasi_anggaran,
        case when p.pagu_kumulatif_diketahui then p.pagu_kumulatif_jumlah end as pagu_kumulatif,
        case when p.realisasi_anggaran_kumulatif_ada then p.realisasi_anggaran_kumulatif_jumlah end
            as realisasi_anggaran_kumulatif,
        case when p.pagu_tahunan_diketahui then p.pagu_tahunan_jumlah end as pagu_tahunan,
        case when p.capaian_triwulan_lengkap then p.rata_rata_capaian end as rata_rata_capaian,
        case when p.capaian_lengkap then p.rata_rata_capaian_kumulatif end as rata_rata_capaian_kumulatif,
        p.serapan_lengkap,
        p.serapan_tahunan_lengkap,
        p.capaian_lengkap,
        p.serapan_berdasar_asumsi,
        p.serapan_tahunan_berdasar_asumsi,
        p.capaian_berdasar_asumsi,
        nullif(concat_ws('; ',
            'serapan tidak lengkap: program ' || p.program_serapan_tidak_lengkap,
            'serapan tahunan tidak lengkap: program ' || p.program_serapan_tahunan_tidak_lengkap,
            case when p.sub_kegiatan_tidak_lengkap > 0
                then 'capaian tidak lengkap: ' || p.sub_kegiatan_tidak_lengkap || ' dari ' || p.sub_kegiatan
                     || ' sub-kegiatan' end
        ), '') as catatan_kelengkapan,
        p.sampel
    from per_kecamatan as p
    inner join wilayah as w on w.kode_wilayah = p.kode_wilayah
),

persen as (
    select
        *,
        serapan(realisasi_anggaran, pagu) as serapan_persen,
        serapan(realisasi_anggaran_kumulatif, pagu_kumulatif) as serapan_kumulatif_persen,
        serapan(realisasi_anggaran_kumulatif, pagu_tahunan) as serapan_tahunan_persen
    from dinilai
),

diperingkat as (
    select
        *,
        case when serapan_kumulatif_persen is not null then rank() over (
            partition by kode_kabupaten, tahun, triwulan, serapan_kumulatif_persen is null
            order by serapan_kumulatif_persen desc) end as peringkat_serapan,
        case when serapan_tahunan_persen is not null then rank() over (
            partition by kode_kabupaten, tahun, triwulan, serapan_tahunan_persen is null
            order by serapan_tahunan_persen desc) end as peringkat_serapan_tahunan,
        case when rata_rata_capaian_kumulatif is not null then rank() over (
            partition by kode_kabupaten, tahun, triwulan, rata_rata_capaian_kumulatif is null
            order by rata_rata_capaian_kumulatif desc) end as peringkat_capaian,
        count(serapan_kumulatif_persen) over kabupaten as diperingkat_serapan,
        count(serapan_tahunan_persen) over kabupaten as diperingkat_serapan_tahunan,
        count(rata_rata_capaian_kumulatif) over kabupaten as diperingkat_capaian,
        count(*) over kabupaten as kecamatan_dilaporkan
    from persen
    window kabupaten as (partition by kode_kabupaten, tahun, triwulan)
)

select
    kode_kabupaten,
    nama_kabupaten,
    kode_wilayah,
    nama_kecamatan,
    tahun,
    triwulan,
    cast(pagu as decimal(18, 2)) as pagu,
    cast(realisasi_anggaran as decimal(18, 2)) as realisasi_anggaran,
    serapan_persen,
    cast(pagu_kumulatif as decimal(18, 2)) as pagu_kumulatif,
    cast(realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    serapan_kumulatif_persen,
    cast(pagu_tahunan as decimal(18, 2)) as pagu_tahunan,
    serapan_tahunan_persen,
    cast(rata_rata_capaian as decimal(10, 2)) as rata_rata_capaian_persen,
    cast(rata_rata_capaian_kumulatif as decimal(10, 2)) as rata_rata_capaian_kumulatif_persen,
    cast(peringkat_serapan as integer) as peringkat_serapan,
    cast(peringkat_serapan_tahunan as integer) as peringkat_serapan_tahunan,
    cast(peringkat_capaian as integer) as peringkat_capaian,
    'di antara kecamatan dengan data lengkap: serapan kumulatif ' || diperingkat_serapan || ' dari '
        || kecamatan_dilaporkan || ', serapan tahunan ' || diperingkat_serapan_tahunan || ' dari '
        || kecamatan_dilaporkan || ', capaian ' || diperingkat_capaian || ' dari ' || kecamatan_dilaporkan
        || ' kecamatan' as dasar_peringkat,
    serapan_lengkap,
    serapan_tahunan_lengkap,
    capaian_lengkap,
    serapan_lengkap and serapan_tahunan_lengkap and capaian_lengkap as lengkap,
    catatan_kelengkapan,
    serapan_berdasar_asumsi,
    serapan_tahunan_berdasar_asumsi,
    capaian_berdasar_asumsi,
    serapan_berdasar_asumsi or serapan_tahunan_berdasar_asumsi or capaian_berdasar_asumsi as berdasar_asumsi,
    sampel
from diperingkat;

-- Each program across the kecamatan of a kabupaten, per year and triwulan; a total over a kecamatan whose
-- figure is not known is null, and catatan_kelengkapan names the kecamatan and what is missing.
create or replace table marts.mart_program_kabupaten as
with per_program as (
    select
        w.kode_kabupaten,
        any_value(w.nama_kabupaten) as nama_kabupaten,
        c.tahun,
        c.triwulan,
        c.kode,
        count(distinct c.kode_wilayah) as jumlah_kecamatan,
        sum(c.pagu) as pagu_jumlah,
        bool_and(c.pagu is not null) as pagu_diketahui,
        sum(c.realisasi_anggaran) as realisasi_anggaran_jumlah,
        bool_and(c.realisasi_anggaran is not null) as realisasi_anggaran_ada,
        sum(c.pagu_kumulatif) as pagu_kumulatif_jumlah,
        bool_and(c.pagu_kumulatif is not null) as pagu_kumulatif_diketahui,
        sum(c.realisasi_anggaran_kumulatif) as realisasi_anggaran_kumulatif_jumlah,
        bool_and(c.realisasi_anggaran_kumulatif is not null) as realisasi_anggaran_kumulatif_ada,
        sum(c.pagu_tahunan) as pagu_tahunan_jumlah,
        bool_and(c.pagu_tahunan is not null) as pagu_tahunan_diketahui,
        bool_and(c.serapan_lengkap) as serapan_lengkap,
        bool_and(c.serapan_tahunan_lengkap) as serapan_tahunan_lengkap,
        bool_and(c.capaian_lengkap) as capaian_lengkap,
        rata_rata(c.capaian_kumulatif_persen) as rata_rata_capaian_kumulatif,
        bool_or(c.serapan_berdasar_asumsi) as serapan_berdasar_asumsi,
        bool_or(c.serapan_tahunan_berdasar_asumsi) as serapan_tahunan_berdasar_asumsi,
        bool_or(c.capaian_berdasar_asumsi) as capaian_berdasar_asumsi,
        string_agg(c.kode_wilayah || ' ' || w.nama_kecamatan || ': ' || c.catatan_kelengkapan, '; '
                   order by c.kode_wilayah) as catatan_kelengkapan,
        bool_or(c.sampel) as sampel
    from marts.mart_capaian_triwulan as c
    inner join wilayah as w on w.kode_wilayah = c.kode_wilayah
    where c.level = 'program'
    group by w.kode_kabupaten, c.tahun, c.triwulan, c.kode
),

dinilai as (
    select
        *,
        case when pagu_diketahui then pagu_jumlah end as pagu,
        case when realisasi_anggaran_ada then realisasi_anggaran_jumlah end as realisasi_anggaran,
        case when pagu_kumulatif_diketahui then pagu_kumulatif_jumlah end as pagu_kumulatif,
        case when realisasi_anggaran_kumulatif_ada then realisasi_anggaran_kumulatif_jumlah end
            as realisasi_anggaran_kumulatif,
        case when pagu_tahunan_diketahui then pagu_tahunan_jumlah end as pagu_tahunan
    from per_program
)

select
    p.kode_kabupaten,
    p.nama_kabupaten,
    p.tahun,
    p.triwulan,
    p.kode,
    n.nama as nama_program,
    cast(p.jumlah_kecamatan as integer) as jumlah_kecamatan,
    cast(p.pagu as decimal(18, 2)) as pagu,
    cast(p.realisasi_anggaran as decimal(18, 2)) as realisasi_anggaran,
    serapan(p.realisasi_anggaran, p.pagu) as serapan_persen,
    cast(p.pagu_kumulatif as decimal(18, 2)) as pagu_kumulatif,
    cast(p.realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    serapan(p.realisasi_anggaran_kumulatif, p.pagu_kumulatif) as serapan_kumulatif_persen,
    cast(p.pagu_tahunan as decimal(18, 2)) as pagu_tahunan,
    serapan(p.realisasi_anggaran_kumulatif, p.pagu_tahunan) as serapan_tahunan_persen,
    cast(case when p.capaian_lengkap then p.rata_rata_capaian_kumulatif end as decimal(10, 2))
        as rata_rata_capaian_kumulatif_persen,
    p.serapan_lengkap,
    p.serapan_tahunan_lengkap,
    p.capaian_lengkap,
    p.serapan_lengkap and p.serapan_tahunan_lengkap and p.capaian_lengkap as lengkap,
    p.catatan_kelengkapan,
    p.serapan_berdasar_asumsi,
    p.serapan_tahunan_berdasar_asumsi,
    p.capaian_berdasar_asumsi,
    p.serapan_berdasar_asumsi or p.serapan_tahunan_berdasar_asumsi or p.capaian_berdasar_asumsi as berdasar_asumsi,
    p.sampel
from dinilai as p
left join nomenklatur as n on n.kode = p.kode;
