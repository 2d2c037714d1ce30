{# The combination of `columns` identifies one row. #}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as banyak
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
