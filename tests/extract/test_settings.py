"""Layout settings: the defaults, overrides from a dict, and one-line errors for bad values."""

import pickle
from dataclasses import FrozenInstanceError, asdict

import pytest

from fritekst.errors import FritekstError, SettingsError
from fritekst.extract.settings import LayoutSettings

NAMES = ("band, set_off, head_share, slot_share, head_min_pages, gutter_min_width, column_lines, "
         "line_chars, row_share, quote_inset, paragraph_pitch, column_jump, rule_grid, "
         "drawing_paths")


def test_defaults_are_the_thresholds_extraction_was_tuned_with():
    assert asdict(LayoutSettings()) == {
        "band": 0.09, "set_off": 1.6, "head_share": 0.25, "slot_share": 0.4,
        "head_min_pages": 3, "gutter_min_width": 6.0, "column_lines": 5, "line_chars": 20,
        "row_share": 0.5, "quote_inset": 0.08, "paragraph_pitch": 1.45, "column_jump": 150.0,
        "rule_grid": 3,
        "drawing_paths": 3000,
    }


def test_resolve_takes_none_a_dict_or_settings():
    assert LayoutSettings.resolve(None) == LayoutSettings()
    assert LayoutSettings.resolve({}) == LayoutSettings()
    mine = LayoutSettings(band=0.12)
    assert LayoutSettings.resolve(mine) is mine
    resolved = LayoutSettings.resolve({"band": 0.12, "column_lines": 3})
    assert resolved == LayoutSettings(band=0.12, column_lines=3)
    assert resolved.head_share == 0.25


def test_settings_are_frozen_and_pickle():
    settings = LayoutSettings(column_jump=200)
    with pytest.raises(FrozenInstanceError):
        settings.band = 0.2  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_unknown_names_are_listed_with_the_valid_ones():
    with pytest.raises(SettingsError) as info:
        LayoutSettings.resolve({"bnad": 0.1})
    assert str(info.value) == f"unknown layout setting 'bnad'; valid names are {NAMES}"
    with pytest.raises(SettingsError) as info:
        LayoutSettings.resolve({"bnad": 0.1, "gutter": 0.5})
    assert str(info.value) == f"unknown layout settings 'bnad', 'gutter'; valid names are {NAMES}"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"head_share": 1.5},
     "layout setting head_share=1.5 is out of range; use a number above 0 and at most 1"),
    ({"slot_share": 0},
     "layout setting slot_share=0 is out of range; use a number above 0 and at most 1"),
    ({"band": 0.5},
     "layout setting band=0.5 is out of range; use a number above 0 and below 0.5"),
    ({"band": float("nan")},
     "layout setting band=nan is out of range; use a number above 0 and below 0.5"),
    ({"quote_inset": -0.1},
     "layout setting quote_inset=-0.1 is out of range; use a number from 0 to 1"),
    ({"set_off": 0}, "layout setting set_off=0 is out of range; use a number above 0"),
    ({"column_lines": 0},
     "layout setting column_lines=0 is out of range; use a whole number of at least 1"),
    ({"rule_grid": 2.5},
     "layout setting rule_grid=2.5 is not a whole number; use a whole number of at least 1"),
    ({"drawing_paths": True},
     "layout setting drawing_paths=True is not a whole number; use a whole number of at "
     "least 1"),
    ({"band": "0.1"},
     "layout setting band='0.1' is not a number; use a number above 0 and below 0.5"),
])
def test_a_bad_value_names_the_setting_the_value_and_the_range(overrides, message):
    with pytest.raises(SettingsError) as info:
        LayoutSettings.resolve(overrides)
    assert str(info.value) == message
    with pytest.raises(SettingsError) as info:
        LayoutSettings(**overrides)
    assert str(info.value) == message


def test_settings_errors_are_fritekst_errors_the_cli_reports():
    assert issubclass(SettingsError, FritekstError)
    with pytest.raises(SettingsError) as info:
        LayoutSettings.resolve([("band", 0.1)])  # type: ignore[arg-type]
    assert str(info.value) == "layout settings must be a dict or LayoutSettings, not list"


def test_the_public_report_functions_take_layout_settings(report_pdfs):
    """extract_reports, report_metadata, review_files and search_reports pass settings on."""
    import fritekst
    from fritekst.errors import SettingsError

    pdf = report_pdfs["report"]
    calls = [lambda s: fritekst.extract_reports([pdf], settings=s),
             lambda s: fritekst.report_metadata([pdf], settings=s),
             lambda s: fritekst.review_files([pdf], fritekst.make_coder(rules_only=True),
                                             settings=s),
             lambda s: fritekst.search_reports("bolig", [pdf],
                                               fritekst.make_coder(rules_only=True), settings=s)]
    for call in calls:
        with pytest.raises(SettingsError) as exc:
            call({"band": 0.6})
        assert str(exc.value) == ("layout setting band=0.6 is out of range; use a number above "
                                  "0 and below 0.5")
    assert fritekst.extract_reports([pdf], settings={"band": 0.05}).pages == 40
