"""Every use of reportlab's private internals, in one place.

For tagging the PDF (see canvas): reportlab has no tagged-PDF support and no public way
to put an operator inside a text object, to wrap a page's operators, or to add keys to a
page or an annotation dictionary. For speed and page breaking: a TrueType face whose
character map and metrics are read in bulk, a dictionary that formats itself in one pass,
the state a paragraph's ``wrap`` leaves (paragraph keeps it per width), reportlab's line
breaking with a faster equal of the C function it compares frags with, a keep-with-next
group that stays on the page when its start fits, the frame's cursor for bookmarks, and the
word and line structures paragraph breaks long paragraphs with. For memory: a page's stream
compressed as it ends, the file written as each object is formatted, and a link annotation
kept as a compact record until then. Each names the internal it relies on; pyproject.toml
bounds reportlab by the version they were tested with, and tests/test_library_internals.py
fails if a release changes them, here and nowhere else.
"""

from __future__ import annotations

import struct
import zlib
from copy import deepcopy
from fnmatch import fnmatch
from functools import cached_property, partial
from types import FunctionType, MethodType
from typing import BinaryIO, Iterator
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib.abag import ABag
from reportlab.pdfbase.pdfdoc import (LinkAnnotation, PDFArray, PDFBase85Encode, PDFDictionary, PDFDocument, PDFFile,
                                      PDFName, PDFObject, PDFObjectReference, PDFPage, PDFStream, PDFString,
                                      PDFZCompress)
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Frame, KeepTogether
from reportlab.platypus import Paragraph as PlatypusParagraph
# Line breaking in chunks and cheap splits (paragraph): how reportlab splits text into words
# and frags into frag words, the classes of a word cut across lines, how it joins the pieces
# of a split's rest again, and the kind of frag a forced line break is.
from reportlab.platypus.paragraph import (_FK_APPEND, _FK_BREAK, _InjectedFrag, _SHYWord, _SHYWordHS, _SplitFrag,
                                          _SplitFragHY, _SplitFragLL, _SplitWord, _SplitWordLL, _getFragWords,
                                          _processed_frags, _splitFragWord, _yieldBLParaWords, split, strip)
from reportlab.platypus.doctemplate import BaseDocTemplate
# A long paragraph parsed a piece at a time (paragraph): the parser and the cleaning Paragraph gives its text.
from reportlab.platypus.paragraph import ParaLines, cleanBlockQuotedText, lstrip as lstrip_words, whitespace
from reportlab.platypus.paraparser import ParaParser, _re_para
# Our markup read into frags as ParaParser reads it (frags): its frag class, the entities it knows, how it
# raises and shrinks a superscript, whether a style underlines links, the text transform Paragraph applies after
# parsing, and the face and colour functions it uses.
from reportlab.lib.colors import toColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus.paragraph import textTransformFrags as transformed
from reportlab.platypus.paraparser import ParaFrag, known_entities, platypus_link_underline, \
    sizeDelta as SUPERSCRIPT_SHRINK, supFraction as SUPERSCRIPT_RISE
from reportlab.rl_config import _FUZZ

from ...layout.ttf import characters
from . import word_breaks

# Narrower than this, a paragraph breaks nothing (reportlab's own tolerance).
FUZZ = _FUZZ
# What Paragraph.wrap and its breakLines leave on the paragraph for split and draw to read.
WRAP_STATE = ("width", "height", "blPara", "frags", "_wrapWidths", "_width_max", "_splitLongWordCount",
              "_hyphenations")


_COMPARED = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_frag(f: object, g: object) -> bool:
    """Whether two frags draw alike, so that breakLines may join their text: reportlab's own rule.

    It is reportlab's pure-Python sameFrag (rl_accel), which its C accelerator replaces: the C one
    raises and clears an AttributeError for each of these a frag lacks, 10 µs a call against 2,
    and breakLines calls it for nearly every word.
    """
    f_set, g_set = f.__dict__, g.__dict__
    if "cbDefn" in f_set or "lineBreak" in f_set or "cbDefn" in g_set or "lineBreak" in g_set:
        return False
    return tuple(map(f_set.get, _COMPARED)) == tuple(map(g_set.get, _COMPARED))


def _with_globals(function: FunctionType, **names: object) -> FunctionType:
    """A copy of ``function`` that finds ``names`` where it would look them up in its module."""
    return FunctionType(function.__code__, {**function.__globals__, **names}, function.__name__,
                        function.__defaults__, function.__closure__)


class _Nothing(float):
    """A width of nothing that reportlab's _getFragWords still takes for a width (it asks ``if width:``)."""

    def __bool__(self) -> bool:
        return True


_NOTHING = _Nothing(0.0)


def _is_place_to_end(frag: object) -> bool:
    return getattr(frag.__dict__.get("cbDefn"), "name", None) == word_breaks.NAME


def without_unused_places_to_end(broken: object) -> None:
    """Each line of ``broken`` (breakLines's) without the places a line may end that it did not end at, the
    text either side joined again: an address a line does not end in is drawn as one text, as it was before
    it had such places (a line that ends at one keeps it, which draws no space at its end)."""
    if broken.kind != 1:  # a plain paragraph's lines (words as strings) hold no such place
        return
    for line in broken.lines:
        words = line.words
        # The line ends at a place after which it shows no more text (a forced break may follow it).
        shown = [n for n, word in enumerate(words) if getattr(word, "text", "")]
        if not shown or not any(map(_is_place_to_end, words[:shown[-1]])):
            continue
        kept, dropped = [], False
        for n, word in enumerate(words):
            if n < shown[-1] and _is_place_to_end(word):
                dropped = True
                continue
            if dropped and kept and same_frag(kept[-1], word):
                kept[-1].text += word.text
            else:
                kept.append(word)
            dropped = False
        line.words = kept


def may_end_line_at(frags: list) -> None:
    """Let a line end at each place ``frags`` mark for it (word_breaks's <onDraw>), with no space.

    reportlab reads a zero-width <onDraw> as part of the word around it; one with a width
    ends the word before it and is a word of its own, with no space on either side (neither
    word is followed by whitespace). This width is nothing, so nothing moves on the line.
    """
    for frag in frags:
        if _is_place_to_end(frag):
            frag.cbDefn.width = _NOTHING


def _cut_word(word: list, room: float, widths: list[float], line: int) -> list:
    """reportlab's cut of a word longer than its line (_splitFragWord), each piece but the last ending
    where a line may end inside a word (word_breaks): the line is drawn without a space at its end, so
    the word is copied whole (a part of an address longer than a line is cut so, layout/line_breaks.py)."""
    pieces = _splitFragWord(word, room, widths, line)
    for piece in pieces[:-1]:
        piece.append((piece[-1][0].clone(cbDefn=ABag(kind="onDraw", name=word_breaks.NAME, label=None,
                                                     width=_NOTHING), text="", _fkind=_FK_APPEND), ""))
    return pieces


break_lines = _with_globals(PlatypusParagraph.breakLines, sameFrag=same_frag, _splitFragWord=_cut_word)
"""reportlab's Paragraph.breakLines, comparing frags with ``same_frag``, cutting a long word with ``_cut_word``."""

# Line breaking in chunks and cheap splits (paragraph.py), under names that say what each is.
frag_words = _getFragWords
"""The frag words of a paragraph's frags at a width, as breakLines takes them: [width, (frag, text), ...]."""
are_processed = _processed_frags
"""Whether a paragraph's frags are already frag words (breakLines has run on them)."""
rejoined_words = _yieldBLParaWords
"""The words of a plain paragraph's lines from ``start`` to ``stop``, a word cut across lines joined again."""


OPENS_PARA = _re_para  # markup that opens its own <para>, which ParaParser does not wrap in one


def link_underline(style: object) -> bool:
    """Whether ParaParser underlines the links of a paragraph in ``style``."""
    return bool(getattr(style, "linkUnderline", platypus_link_underline))


def frag_lines(lines: list) -> ParaLines:
    """Lines of frags (breakLines's "kind 1") as breakLines returns them."""
    return ParaLines(kind=1, lines=lines)


def cleaned(text: str) -> str:
    """A paragraph's markup as reportlab's Paragraph cleans it before parsing (its lines stripped and joined)."""
    return cleanBlockQuotedText(text)


def parsed_pieces(text: str, style: object, piece: int) -> Iterator[list]:
    """The frags of ``cleaned`` markup as reportlab's Paragraph parses them, about ``piece`` characters at a time.

    reportlab's parser (an html.parser.HTMLParser, its character references not converted) hands
    on the text between two tags or references as one frag, and only text: fed in pieces that
    end just before a '<', each piece ends with whole text and whole tags, so the frags are those
    of parsing the markup at once, in order. A parse error raises as Paragraph's would.
    """
    parser = ParaParser()
    parser.caseSensitive = 1  # Paragraph's default
    parser._setup_for_parse(style)
    bare = not (len(text) >= 6 and text[0] == "<" and _re_para.match(text))
    if bare:
        parser.feed("<para>")
    at = 0
    while at < len(text):
        cut = text.find("<", at + piece)
        cut = len(text) if cut < 0 else cut
        parser.feed(text[at:cut])
        at = cut
        frags, parser.fragList = parser.fragList, []
        yield frags
    if bare:
        parser.feed("</para>")
    _, frags, _ = parser._complete_parse()
    if frags is None:
        raise ValueError(f"xml parser error ({parser.errors[0]}) in paragraph beginning\n'{text[:30]}'")
    yield frags


def may_start_words(before: object, frag: object) -> bool:
    """Whether reportlab makes the same frag words of a paragraph's frags from ``frag`` on whether or not the
    frags before it were made into words first, as long as some text that is not space was among those.

    _getFragWords carries from one frag to the next the word being made and whether the last one
    was followed by a space: after a text ending in a space there is no word being made, and a
    text starting with no space (that its leading-space strip would remove) starts a new one.
    """
    ended, text = getattr(before, "text", ""), getattr(frag, "text", "")
    return (ended != "" and ended[-1] in whitespace and text != "" and text[0] not in whitespace
            and lstrip_words(text) == text)


def is_cut_word(word: object) -> bool:
    """Whether a plain paragraph's word is a piece of a word cut across lines (or cut by a split)."""
    return isinstance(word, (_SplitWord, _SplitWordLL))


def is_cut_frag(word: object) -> bool:
    """Whether a frag word is a piece of a word cut across lines, or a break reportlab injected after one."""
    return isinstance(word, (_SplitFrag, _InjectedFrag))


def forces_break(word: list) -> bool:
    """Whether a frag word is a forced line break (<br/>)."""
    return word[1][0]._fkind == _FK_BREAK


def line_counts(paragraph: PlatypusParagraph) -> tuple[float, int]:
    """What breakLines leaves beside the lines: the widest line, and how many long words it cut."""
    return paragraph._width_max, paragraph._splitLongWordCount


def set_line_counts(paragraph: PlatypusParagraph, width_max: float, long_words: int) -> None:
    paragraph._width_max, paragraph._splitLongWordCount = width_max, long_words


def end_of_part(frags: list) -> list:
    """The frag words of a part of a split paragraph, ending as reportlab's split ends them.

    Breaks it injected at the end are dropped, and a word hyphenated at the end of the part
    becomes a word that ends in a hyphen because of the split. reportlab changes that word's
    class where it stands, so the paragraph being split sees the change too; here the part
    gets a new word of that class, with the same pieces and attributes, and the paragraph's
    own word stays as it was (it is read again when the paragraph is measured again).
    """
    while frags and isinstance(frags[-1], _InjectedFrag):
        del frags[-1]
    last = frags[-1]
    if isinstance(last, _SplitFragHY):
        ending = (_SHYWordHS if isinstance(last, _SHYWord) else _SplitFragLL)(last)
        ending.__dict__.update(last.__dict__)
        frags[-1] = ending
    return frags


class SplitParagraph(PlatypusParagraph):
    """reportlab's Paragraph, the two steps of its split that paragraph.py replaces named as hooks.

    ``split_lines_function`` chooses how a part's lines are taken from the paragraph's (reportlab's
    _get_split_blParaFunc); ``split_processed`` gives a part's frag words when they are processed
    (its _split_blParaProcessed).
    """

    def _get_split_blParaFunc(self):  # noqa: N802 - reportlab's name
        return self.split_lines_function()

    def split_lines_function(self):
        return super()._get_split_blParaFunc()

    def _split_blParaProcessed(self, blPara, start: int, stop: int) -> list:  # noqa: N802,N803
        return self.split_processed(blPara, start, stop)

    def split_processed(self, blPara, start: int, stop: int) -> list:  # noqa: N803 - reportlab's name
        return super()._split_blParaProcessed(blPara, start, stop)


def leave_open(template: BaseDocTemplate) -> None:
    """Make ``template.build`` leave its canvas unsaved, to draw more (a form) before saving it."""
    template._doSave = 0


def text_operators(text: PDFTextObject) -> list:
    """The operators of a text object not yet drawn, from its opening ``BT``: a live list."""
    return text._code


def page_operators(canvas: Canvas) -> list[str]:
    """The operators of the page (or form) being drawn: a live list, written when the page ends."""
    return canvas._code


def paragraph_text(canvas: Canvas) -> PDFTextObject:
    """The text object a paragraph is filling, while its <onDraw> callback runs."""
    return canvas._curr_tx_info["tx"]


def last_annotation(canvas: Canvas) -> object:
    """The annotation that linkURL, linkRect or ``add_link`` has just added to the page."""
    document = canvas._doc
    return document.idToObject[document.annotationName(f"NUMBER{canvas._annotationCount}")]


class Link(PDFObject):
    """A link annotation as a paragraph's link makes it (reportlab's linkURL to a URL, linkRect to a destination,
    each with no border, colour or name), kept as its rectangle and target and made as they make it only as the
    file is written: their dictionaries, arrays and strings, kept until the end, were ~18 MB of a dense
    paragraph's 23,000 links.
    """

    __slots__ = ("rect", "url", "destination", "struct_parent", "contents", "__InternalName__")

    def __init__(self, rect: tuple[float, float, float, float], url: str | None, destination: object | None):
        self.rect, self.url, self.destination = rect, url, destination
        self.struct_parent: int | None = None
        self.contents: str | None = None

    def format(self, document: PDFDocument) -> bytes:
        made: object
        if self.url is None:  # linkRect's: a LinkAnnotation
            made = LinkAnnotation(self.rect, "", self.destination, Border=PDFArray([0, 0, 0]))
        else:  # linkURL's: a dictionary, its action a dictionary inside
            action = PDFDictionary({"Type": PDFName("Action"), "S": PDFName("URI"), "URI": PDFString(self.url)})
            made = PDFDictionary({"Type": PDFName("Annot"), "Subtype": PDFName("Link"), "Rect": PDFArray(self.rect),
                                  "A": action, "Border": PDFArray([0, 0, 0])})
        if self.struct_parent is not None:  # given with its contents (set_link_entries), as reportlab's are
            set_link_entries(made, self.struct_parent, self.contents)
        return made.format(document)


def add_link(canvas: Canvas, rect: tuple[float, float, float, float] | None, relative: int, *, url: str | None = None,
             destination_name: str | None = None) -> None:
    """What ``canvas.linkURL(url, rect, relative)`` or ``canvas.linkRect("", destination_name, rect,
    relative=relative)`` adds, as a ``Link``."""
    destination = None if destination_name is None else canvas._bookmarkReference(destination_name)
    canvas._addAnnotation(Link(canvas._absRect(rect, relative), url, destination))


def set_link_entries(annotation: object, struct_parent: int, contents: str | None) -> None:
    """Give a link annotation its /StructParent and /Contents.

    linkURL makes a plain dictionary; linkRect a LinkAnnotation, which writes its own
    /Contents and only the other keys it permits, from its otherkw; ``add_link`` a Link.
    """
    if isinstance(annotation, Link):
        annotation.struct_parent, annotation.contents = struct_parent, contents
        return
    if isinstance(annotation, PDFDictionary):
        annotation["StructParent"] = struct_parent
        if contents:
            annotation["Contents"] = PDFString(contents)
        return
    annotation.permitted = (*annotation.permitted, "StructParent")
    annotation.otherkw["StructParent"] = struct_parent
    if contents:
        annotation.Contents = contents


class Dictionary(PDFObject):
    """A PDF dictionary that formats itself in one pass, for the thousands a structure tree has.

    reportlab's PDFDictionary sorts its keys and sends each key and value through its generic
    format function: a third of the time of writing a brief. Values are ints, names (a str
    from PDFName), references (written with the numbers the document gave their objects),
    lists of values, or anything else reportlab formats (a string, another dictionary).
    """

    def __init__(self, entries: dict[str, object]):
        self.entries = entries

    def format(self, document: PDFDocument) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        return b"<<" + b"".join(b"/%s %s" % (key.encode("ascii"), _formatted(value, document, numbers))
                                for key, value in self.entries.items()) + b">>"


def _formatted(value: object, document: PDFDocument, numbers: dict[str, tuple[int, int]]) -> bytes:
    kind = type(value)
    if kind is PDFObjectReference:
        return b"%d %d R" % numbers[value.name]
    if kind is int:
        return b"%d" % value
    if kind is str:
        return value.encode("ascii")
    if kind is list:
        return b"[" + b" ".join([_formatted(item, document, numbers) for item in value]) + b"]"
    return value.format(document)


def pages(canvas: Canvas) -> list[PDFPage]:
    """The document's finished pages, in order."""
    return canvas._doc.Pages.pages


class _Flated:
    """The Flate filter of a stream whose content is already compressed: named in /Filter, applied to nothing."""

    pdfname = "FlateDecode"

    @staticmethod
    def encode(data: bytes) -> bytes:
        return data


def compress_last_page(canvas: Canvas) -> None:
    """Compress the content stream of the page just finished, now rather than when the file is written.

    reportlab keeps each page's operators as one uncompressed string on its PDFPage and makes the
    compressed stream in PDFPage.check_format as the file is written: the pages of a long brief
    waited, uncompressed, to the end. Made here as check_format would make it (the same filters,
    the same zlib call on the same bytes), the stream writes the same bytes; the Flate step is done
    now and named by ``_Flated``, and ASCII85, which would make it a quarter larger, is left to
    the writing, as reportlab does it.
    """
    page = pages(canvas)[-1]
    if page.Contents or not page.stream or not page.compression:
        return
    stream = PDFStream()
    stream.filters = [PDFBase85Encode, _Flated] if rl_config.useA85 else [_Flated]
    stream.content = zlib.compress(page.stream.encode("utf8"))
    stream.__Comment__ = "page stream"
    page.Contents, page.stream = stream, None


class _WrittenFile(PDFFile):
    """reportlab's collector of the file's formatted objects, each written to ``out`` as it is added.

    reportlab's PDFFile keeps every formatted object to join them at the end, and the caller then
    copies the joined file into its own: three copies of the whole file at the end of a save
    (~36 MB for a dense paragraph of a million characters), where this holds one, ``out``'s.
    Offsets count from the file's first byte, as reportlab's do, whatever ``out`` held before.
    """

    def __init__(self, out: BinaryIO, version: tuple[int, int]):
        super().__init__(version)  # adds the header to its list, whence it goes to ``out`` first
        for written in self.strings:
            out.write(written)
        self.strings = None
        self.write = out.write

    def format(self, document: PDFDocument) -> bytes:
        return b""  # written already


def save(canvas: Canvas) -> None:
    """reportlab's canvas.save() of a canvas whose pages are all shown, into the file object it was made with, each
    object of the file written to it as it is formatted: the same bytes as reportlab's save, which formats every
    object, joins them and only then writes."""
    out, document = canvas._filename, canvas._doc
    document.format = MethodType(_with_globals(PDFDocument.format, PDFFile=partial(_WrittenFile, out)), document)
    document.SaveToFile(out, canvas)  # its write of what format returns writes nothing more


def set_page_entries(page: PDFPage, entries: dict[str, object]) -> None:
    """Add keys to a page dictionary: a page writes only the keys named in its __NoDefault__."""
    page.__NoDefault__ = [*page.__NoDefault__, *(k for k in entries if k not in page.__NoDefault__)]
    for key, value in entries.items():
        setattr(page, key, value)


def reference(canvas: Canvas, pdf_object: object) -> PDFObjectReference:
    """An indirect reference to ``pdf_object``, adding it to the document if it is new."""
    return canvas._doc.Reference(pdf_object)


class KeptWithNext(KeepTogether):
    """A heading (or a chain of keep-with-next paragraphs) and the block after it.

    reportlab's KeepTogether moves the whole group to the next page when it does not fit,
    which leaves half a page empty before every long table. Here the group stays if the
    heading and the first piece of the next block fit (a table's header and first row,
    a paragraph's first lines); otherwise it starts on the next page, so a heading is
    never left alone at a page foot.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        content = self._content[:]
        frame = getattr(self, "_frame", None)
        if self._H <= available_height or frame is None or getattr(frame, "_atTop", False):
            return content
        *leading, last = content
        used = 0.0
        for index, flowable in enumerate(leading):
            used += flowable.wrap(available_width, available_height)[1] + flowable.getSpaceAfter()
            if index:
                used += flowable.getSpaceBefore()
        room = available_height - used - last.getSpaceBefore()
        if room > 0 and last.split(available_width, room):
            return content
        return [self.FrameBreak(), *content]


class BodyFrame(Frame):
    """reportlab's Frame, deep-copied as copy.deepcopy would, without its generic walk: reportlab measures each
    keep-with-next group (a heading and its block) on a deep copy of the page's frame (platypus.flowables
    _listWrapOn), ~20 copies a render of the NRF brief, and the generic deepcopy of a frame's two dozen numbers took
    33 µs a copy, this 5."""

    def __deepcopy__(self, memo: dict) -> BodyFrame:
        copied = object.__new__(type(self))
        memo[id(self)] = copied
        copied.__dict__.update({name: value if type(value) in _ATOMIC else deepcopy(value, memo)
                                for name, value in self.__dict__.items()})
        return copied


_ATOMIC = frozenset((int, float, str, bool, type(None)))  # what deepcopy returns as it is


def frame_cursor(frame: Frame) -> float:
    """The height at which the frame will place its next flowable."""
    return frame._y


class TrueTypeFont(TTFont):
    """reportlab's TTFont for the file at ``path``, as ``TTFont(name, path)`` makes it, but read in bulk.

    reportlab reads a face's character map, metrics and glyph offsets two bytes at a time
    (20 ms a face of DejaVu Sans); read whole, they take a few.
    """

    def __init__(self, name: str, path: str):
        # TTFont.__init__'s assignments, with the defaults it is called with, but for the face:
        # calling it would read the face the slow way.
        self.fontName = name
        self.face = _Face(path)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802
        """reportlab's, in one pass at C speed where every character of ``text`` already has its code in the
        first subset, as nearly every text has once a page or two is drawn; else reportlab's own, which gives
        the codes (a character's code is the order of its first use, so each text is encoded as it is drawn).

        reportlab's loop over the characters, one dictionary lookup at a time, was ~5% of a warm PDF save.
        """
        state = self.state.get(doc)
        if state is not None and text and type(text) is str:
            try:  # a character without a code yet (KeyError), or one past the first subset (ValueError)
                return [(0, bytes(map(state.assignments.__getitem__, map(ord, text))))]
            except (KeyError, ValueError):
                pass
        return super().splitString(text, doc, encoding)

    def addObjects(self, doc: PDFDocument) -> None:  # noqa: N802 - reportlab's name
        """reportlab's, each subset's widths written as its array was formatted the first time in the process
        (_Face.widths): a warm process (watch) embeds the same subsets at every save, and reportlab formats their
        ~400 widths number by number (~1 ms of a warm save of the NRF brief)."""
        fonts = doc.idToObject["BasicFonts"].dict
        before = set(fonts)
        super().addObjects(doc)
        for name in fonts.keys() - before:
            fonts[name].Widths = self.face.widths(fonts[name].Widths, doc)


class _Formatted(PDFObject):
    """A PDF value already formatted: its bytes, written as they are."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document: PDFDocument) -> bytes:
        return self.data


class _Face(TTFontFace):
    """A TrueType face with the attributes reportlab's extractInfo gives it, the heavy ones read in bulk, and the
    subsets it embeds made once for the process.

    A character map in another format than 4 or 12, one that lists a character twice or one
    that names a glyph past the font's metrics is left to reportlab.
    """

    SUBSETS_KEPT = 16  # a watch of one brief embeds the same few subsets at every save

    def __init__(self, *args: object, **kwargs: object) -> None:
        self._subsets: dict[tuple[int, ...], tuple[bytes, bytes]] = {}  # subset → its file, and that compressed
        self._widths: dict[tuple[float, ...], _Formatted] = {}  # a subset's widths → their array, formatted
        super().__init__(*args, **kwargs)

    def _subset(self, subset: list[int]) -> tuple[bytes, bytes]:
        """The font file of ``subset`` (a pure function of the face's file and the subset's characters in code
        order), and that Flate-compressed, as reportlab compresses it; kept, as a warm process (watch) embeds
        the same subsets at every save: making and compressing them was ~5% of a warm PDF save."""
        key = tuple(subset)
        found = self._subsets.get(key)
        if found is None:
            if len(self._subsets) >= self.SUBSETS_KEPT:
                self._subsets.clear()
            made = super().makeSubset(subset)
            found = self._subsets[key] = (made, zlib.compress(made))
        return found

    def widths(self, array: PDFArray, doc: PDFDocument) -> _Formatted:
        """A subset's widths ``array``, of numbers only, formatted as reportlab formats it (which depends on the
        numbers alone), once for the process."""
        key = tuple(array.sequence)
        found = self._widths.get(key)
        if found is None:
            if len(self._widths) >= self.SUBSETS_KEPT:
                self._widths.clear()
            found = self._widths[key] = _Formatted(array.format(doc))
        return found

    def makeSubset(self, subset: list[int]) -> bytes:  # noqa: N802 - reportlab's name
        return self._subset(subset)[0]

    def addSubsetObjects(self, doc: PDFDocument, fontname: str, subset: list[int]) -> object:  # noqa: N802
        """reportlab's, the font file's stream given the subset's compressed file, named as Flate-compressed
        (``_Flated``): the same bytes as compressing it again."""
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        if stream.filters == [PDFZCompress]:
            stream.content, stream.filters = self._subset(subset)[1], [_Flated]
        return descriptor

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802,N803 - reportlab's names
        super().extractInfo(charInfo=0)  # the names and the head, OS/2, post, hhea and maxp tables
        if charInfo and not self._read_characters():
            super().extractInfo(charInfo)

    def _read_characters(self) -> bool:
        """Set what extractInfo(charInfo=1) sets beyond extractInfo(charInfo=0); False if left to reportlab."""
        data = self._ttf_data
        try:
            chars, glyphs = characters(data)
        except (KeyError, struct.error):
            return False
        head = self.get_table_pos("head")[0]
        loca_format, glyph_format = struct.unpack_from(">hh", data, head + 50)
        char_to_glyph = dict(zip(chars, glyphs))
        if (glyph_format != 0 or loca_format not in (0, 1) or "loca" not in self.table
                or len(char_to_glyph) < len(chars)):
            return False
        count = self.numGlyphs
        metrics = struct.unpack_from(">H", data, self.get_table_pos("hhea")[0] + 34)[0]
        hmtx = self.get_table_pos("hmtx")[0]
        advances_and_bearings = struct.unpack_from(f">{2 * metrics}H", data, hmtx)
        advances = advances_and_bearings[::2]
        bearings = struct.unpack_from(f">{max(0, count - metrics)}H", data, hmtx + 4 * metrics)
        # In 1000ths of the em, as reportlab's scale does it; a glyph past the last full metric has its
        # advance (which reportlab keeps scaled in hmetrics).
        widths = list(advances) if self.unitsPerEm == 1000 else [a * (1000 / self.unitsPerEm) for a in advances]
        widths += [widths[-1]] * len(bearings)
        if max(glyphs, default=0) >= len(widths):
            return False
        self.hmetrics = [*zip(advances, advances_and_bearings[1::2]), *((widths[-1], b) for b in bearings)]
        self.defaultWidth = widths[0]
        self.charToGlyph = char_to_glyph
        self.charWidths = dict(zip(char_to_glyph, map(widths.__getitem__, char_to_glyph.values())))
        loca = self.get_table_pos("loca")[0]
        if loca_format == 0:
            self.glyphPos = [offset << 1 for offset in struct.unpack_from(f">{count + 1}H", data, loca)]
        else:
            self.glyphPos = list(struct.unpack_from(f">{count + 1}L", data, loca))
        self._pairs = chars, glyphs
        for present, absent in ((0x20, 0xA0), (0xA0, 0x20)):  # a no-break space is a space, and back
            if present in char_to_glyph:
                char_to_glyph[absent] = char_to_glyph[present]
                self.charWidths[absent] = self.charWidths[present]
                break
        return True

    @cached_property
    def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 - reportlab's name
        """Glyph → its characters: only reportlab's shaping asks, so it is made when asked."""
        found: dict[int, list[int]] = {}
        for char, glyph in zip(*self._pairs):
            found.setdefault(glyph, []).append(char)
        return found
