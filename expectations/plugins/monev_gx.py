"""Extensions of Great Expectations for this context. GX puts ``plugins/`` on the Python path and imports
this module when it builds the validation results store (great_expectations.yml names it as the store's
``module_name``), so everything here is in place whenever the context is opened, by hand too.

- The DuckDB patch (orchestration/warehouse/gx_duckdb.py, great_expectations#10738) is applied on import.
- ``ValidationResultsStore`` (a subclass of GX's, with the same class name because GX replaces a
  ``validation_results_store`` of any other class name with an in-memory one): the checkpoints ask for
  EVERY failing row (the audit needs them all), but the stored result keeps the first ``STORED_ROWS`` of
  each list of rows, with the full ``unexpected_count`` and the ``unexpected_index_query`` that finds
  them all; decimals are stored as text (exact, and GX's own float conversion inspects the call stack
  for every value, ~1 ms each). Serialising 100.000 failing rows took ~5 s and 50 MB per run before; the
  Data Docs show a sample anyway. Only the stored copy is trimmed: the result the run returns is whole.
- ``UpdateDataDocsOnce`` (checkpoint action type ``update_data_docs_once``): GX's ``UpdateDataDocsAction``
  rebuilds the site once per validation result (each time a new Jinja environment that compiles every
  template, and the index, which reads every stored result); this one builds it once per checkpoint run
  for all its results (~0.5 s instead of ~4-6 s for 20 suites).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Literal

from great_expectations.checkpoint.actions import ActionContext, UpdateDataDocsAction
from great_expectations.data_context.store import validation_results_store
from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

try:
    from orchestration.warehouse.gx_duckdb import patch_execute_query
except ImportError:  # outside the project's environment
    pass
else:
    patch_execute_query()

STORED_ROWS = 1000
_ROW_LISTS = (
    "unexpected_index_list",
    "partial_unexpected_index_list",
    "unexpected_list",
    "partial_unexpected_list",
    "unexpected_rows",
)


def _plain(value):
    """Decimals as text (exact; GX would convert each to float after an ``inspect.stack()`` call)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _stored(outcome):
    """A copy of an expectation's result as it is stored: at most STORED_ROWS rows per list."""
    result = outcome.result
    if not result:
        return outcome
    stored = copy.copy(outcome)
    stored.result = {
        k: (
            _plain(v[:STORED_ROWS])
            if k in _ROW_LISTS and isinstance(v, list)
            else _plain(v)
            if k == "partial_unexpected_counts"
            else v
        )
        for k, v in result.items()
    }
    return stored


class ValidationResultsStore(validation_results_store.ValidationResultsStore):
    """A validation results store that keeps at most STORED_ROWS failing rows per expectation."""

    def serialize(self, value):
        if self.cloud_mode:
            return super().serialize(value)
        stored = copy.copy(value)
        stored.results = [_stored(outcome) for outcome in value.results]
        return super().serialize(stored)


# None: the Data Docs are built inside the checkpoint run. A list: they are appended to it, to be built by the
# caller after it has used the results (orchestration/warehouse/gx_worker.py: after it has replied to the run).
DEFERRED_DOCS: list | None = None


class UpdateDataDocsOnce(UpdateDataDocsAction):
    """Update the Data Docs once for all the validation results of a checkpoint run."""

    type: Literal["update_data_docs_once"] = "update_data_docs_once"  # type: ignore[assignment]

    def run(self, checkpoint_result, action_context: ActionContext | None = None) -> dict:
        resources: list = []
        for result_identifier, result in checkpoint_result.run_results.items():
            resources += [result_identifier, ExpectationSuiteIdentifier(name=result.suite_name)]
        if DEFERRED_DOCS is None:
            self._build_data_docs(site_names=self.site_names, resource_identifiers=resources)
        else:
            DEFERRED_DOCS.append(
                lambda: self._build_data_docs(site_names=self.site_names, resource_identifiers=resources)
            )
        action_results: dict = {}
        for result_identifier in checkpoint_result.run_results:
            urls = self._get_docs_sites_urls(resource_identifier=result_identifier, site_names=self.site_names)
            action_results[result_identifier] = {site["site_name"]: site["site_url"] for site in urls}
        return action_results
