"""fritekst: code Norwegian open survey answers about social housing work into themes.

The public API returns pandas DataFrames and plain dataclasses; the ``fritekst`` command is a
thin wrapper around it: every function it calls is importable from here.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fritekst")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

# name → module; imported on first use so that ``import fritekst`` stays fast and light
_API = {
    # surveys
    "ColumnOptions": "fritekst.extract.columns",
    "load_survey": "fritekst.extract.survey",
    "code_files": "fritekst.api",
    "summarize_files": "fritekst.api",
    "demo_survey": "fritekst.api",
    "check_coded_path": "fritekst.export.survey",
    "check_summary_path": "fritekst.export.survey",
    "write_coded": "fritekst.export.survey",
    "coded_csv": "fritekst.export.survey",
    "write_summary": "fritekst.export.survey",
    "summary_json": "fritekst.export.jsonout",
    "summary_markdown": "fritekst.export.markdown",
    # projects
    "Project": "fritekst.store",
    "DB_NAME": "fritekst.store",
    "import_to_project": "fritekst.api",
    "code_project": "fritekst.api",
    "summarize_project": "fritekst.api",
    "summarize_coded": "fritekst.api",
    "review_export": "fritekst.api",
    "review_import": "fritekst.api",
    "project_agreement": "fritekst.api",
    "review_plan": "fritekst.api",
    "respondent_table": "fritekst.api",
    "discover_themes": "fritekst.api",
    "train_from_project": "fritekst.api",
    "project_frame": "fritekst.api",
    "change_codebook": "fritekst.api",
    "frame_views": "fritekst.export.console",
    "project_training_data": "fritekst.api",
    "discover_view": "fritekst.export.console",
    "write_matrix": "fritekst.export.matrix",
    "check_matrix_path": "fritekst.export.matrix",
    "reliability_views": "fritekst.export.console",
    "plan_views": "fritekst.export.console",
    # coding
    "make_coder": "fritekst.coding",
    "code_frame": "fritekst.coding.frames",
    "code_dask": "fritekst.coding.frames",
    "load_codebook": "fritekst.coding.codebook",
    "ThemeClassifier": "fritekst.coding.model",
    "train_file": "fritekst.coding.train",
    "evaluate_file": "fritekst.coding.evaluate",
    "agreement": "fritekst.coding.evaluate",
    # reports
    "extract_reports": "fritekst.extract.reports",
    "LayoutSettings": "fritekst.extract.settings",
    "pages_jsonl": "fritekst.export.pages",
    "check_pages_path": "fritekst.export.pages",
    "write_pages": "fritekst.export.pages",
    "report_metadata": "fritekst.api",
    "meta_rows": "fritekst.export.reports",
    "check_meta_path": "fritekst.export.reports",
    "write_meta": "fritekst.export.reports",
    "review_files": "fritekst.literature.review",
    "check_review_path": "fritekst.export.reports",
    "review_json": "fritekst.export.reports",
    "write_review": "fritekst.export.reports",
    "search_reports": "fritekst.api",
    "review_reports": "fritekst.store.reports",
    "index_reports": "fritekst.store.reports",
    "search_index": "fritekst.store.reports",
    "CoderSpec": "fritekst.coding",
    "ReportIndex": "fritekst.store.reports",
    "demo_report": "fritekst.api",
    # networks
    "read_contacts": "fritekst.extract.network",
    "demo_network_files": "fritekst.extract.network",
    "analyze_network": "fritekst.summarize.network",
    "network_views": "fritekst.export.network",
    "network_lines": "fritekst.export.network",
    "network_json": "fritekst.export.network",
    "check_picture_folder": "fritekst.export.network",
    "draw_network": "fritekst.export.network_plot",
    "write_network_pictures": "fritekst.export.network_plot",
    # municipality reports
    "write_reports": "fritekst.api",
    "report_documents": "fritekst.api",
    "write_documents": "fritekst.export.report",
    "check_report_folder": "fritekst.export.report",
    # output in general and on screen
    "check_output_path": "fritekst.outfiles",
    "summary_views": "fritekst.export.console",
    "coded_view": "fritekst.export.console",
    "evaluation_views": "fritekst.export.console",
    "meta_view": "fritekst.export.console",
    "review_views": "fritekst.export.console",
    "search_lines": "fritekst.export.kwic",
    "usable_cores": "fritekst.coding.pool",
    "search_project": "fritekst.store.lookup",
    "IndexHits": "fritekst.store.lookup",
    "to_markdown": "fritekst.export.console",
    "to_rich": "fritekst.export.console",
    "meta_lines": "fritekst.summarize.views",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'fritekst' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
