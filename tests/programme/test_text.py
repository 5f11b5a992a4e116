"""The one cleaning of text that XML (XLSX, DOCX, tagged PDF) cannot hold."""

from programme.text import has_xml_illegal, strip_xml_illegal


def test_a_soft_break_becomes_a_space_and_other_control_characters_go():
    assert strip_xml_illegal("Plan\x0bB\x0cC\x00\x08\x1f\ud800\ufffe\uffff") == "Plan B C"


def test_what_xml_allows_is_kept():
    text = "tab\tline\nreturn\r é € 😀 \ue000\ufffd"
    assert strip_xml_illegal(text) is text
    assert not has_xml_illegal(text)
    assert has_xml_illegal("a\x0bb")


def test_values_that_are_not_text_pass_unchanged():
    assert strip_xml_illegal(None) is None
    assert strip_xml_illegal(5) == 5
