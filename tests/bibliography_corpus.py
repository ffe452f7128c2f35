"""Bibliographies as users have them, written here in the shapes the programs that make them write.

BibTeX as Zotero, Better BibTeX, Mendeley, JabRef and BibDesk export it and as people write it by
hand; CSL-JSON as Zotero, pandoc (made by pandoc itself from the hand-written BibTeX), Manubot and
Crossref give it. Each holds what real ones hold: Unicode and punctuated keys, URL and DOI ids,
``@string`` macros, ``#``, ``crossref``, LaTeX accents and braces, ``@comment``, CRLF, a declared
Windows-1252 encoding, and the entries a brief never cites that cannot be used: malformed,
without a key or a title, defined twice. ``CORPUS`` says, for each file, the ids a brief cites,
what a reader sees of one of them, and the entries it skips.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

ZOTERO_BIB = """@article{smith_water_2020,
\ttitle = {Water and {Power} in the {Upper} {Basin}},
\tvolume = {12},
\tissn = {1234-5678},
\turl = {https://example.org/water},
\tdoi = {10.1234/wp.2020.12},
\tlanguage = {en},
\tnumber = {3},
\turldate = {2021-04-01},
\tjournal = {Journal of Basin Studies},
\tauthor = {Smith, Jane and T{\\"o}r{\\"o}k, Zs{\\'o}fia},
\tmonth = mar,
\tyear = {2020},
\tkeywords = {dams, water},
\tpages = {45--67},
\tfile = {Full Text PDF:/home/jsmith/Zotero/storage/ABCD1234/Smith - 2020.pdf:application/pdf},
}

@book{smith_water_2020-1,
\ttitle = {Water: {A} {Second} {Look}},
\tpublisher = {Basin Press},
\tauthor = {Smith, Jane},
\tyear = {2021},
}
"""

BETTER_BIBTEX = """@article{török2012,
  title = {Dams on the {{Danube}}: {{A}} Century of Treaties},
  author = {Török, Zsófia and Nagy, Péter},
  date = {2012-05},
  journaltitle = {Central European Water Review},
  volume = {7},
  pages = {1--30},
  doi = {10.5555/cewr.2012.7},
  langid = {english}
}

@book{маурицио2008переоценка,
  title = {Переоценка водных ресурсов},
  author = {Маурицио, Анна},
  date = {2008},
  location = {Москва},
  publisher = {Наука},
  langid = {russian}
}

@online{AnalystDesk2023,
  title = {Flow Figures for 2023},
  author = {{Basin Observatory}},
  date = {2023-02-01},
  url = {https://example.org/flows-2023},
  urldate = {2023-02-10}
}
"""

MENDELEY = """@article{Smith2020,
abstract = {We measure the flow of the upper basin.},
archivePrefix = {arXiv},
arxivId = {2001.01234},
author = {Smith, Jane and T{\\"{o}}r{\\"{o}}k, Zs{\\'{o}}fia},
doi = {10.1234/wp.2020.12},
eprint = {2001.01234},
file = {:C$\\backslash$:/Users/jsmith/Documents/Mendeley Desktop/Smith - 2020.pdf:pdf},
issn = {1234-5678},
journal = {Journal of Basin Studies},
keywords = {dams,water},
mendeley-groups = {Water},
number = {3},
pages = {45--67},
title = {{Water and Power in the Upper Basin}},
url = {https://example.org/water},
volume = {12},
year = {2020}
}
@book{Dvorak1999,
author = {Dvo{\\v{r}}{\\'{a}}k, Anton{\\'{i}}n},
publisher = {Supraphon},
title = {{Symphonies of the River Vltava}},
year = {1999}
}
"""

# JabRef on Windows: CRLF line ends, the encoding it saved in declared on the first line, an entry whose
# key was never filled in, its metadata in @Comment blocks.
JABREF = ("% Encoding: windows-1252\r\n\r\n"
          "@Article{Mueller2019,\r\n"
          "  author    = {Müller, Hans and Ødegård, Åse},\r\n"
          "  title     = {Dämme und Flüsse: Wasserrecht in Mitteleuropa},\r\n"
          "  journal   = {Zeitschrift für Wasser},\r\n"
          "  year      = {2019},\r\n"
          "  timestamp = {2019-05-01},\r\n"
          "}\r\n\r\n"
          "@Book{,\r\n"
          "  title     = {An entry whose key was never filled in},\r\n"
          "  publisher = {Nobody},\r\n"
          "}\r\n\r\n"
          "@Comment{jabref-meta: databaseType:bibtex;}\r\n\r\n"
          "@Comment{jabref-meta: grouping:\r\n"
          "0 AllEntriesGroup:;\r\n"
          "1 StaticGroup:Water\\;0\\;1\\;\\;\\;\\;;\r\n"
          "}\r\n")

BIBDESK = """%% This BibTeX bibliography file was created using BibDesk.
%% https://bibdesk.sourceforge.io/

%% Created for Jane Smith at 2021-04-01 10:00:00 +0000 


%% Saved with string encoding Unicode (UTF-8) 


@string{jbs = {Journal of Basin Studies}}

@string{bp = {Basin Press}}


@article{Smith:2020aa,
\tauthor = {Smith, Jane},
\tdate-added = {2021-04-01 10:00:00 +0000},
\tdate-modified = {2021-04-01 10:00:00 +0000},
\tjournal = jbs,
\tmonth = mar,
\ttitle = {Water and Power in the Upper Basin},
\tyear = {2020},
\tbdsk-url-1 = {https://example.org/water},
\tbdsk-file-1 = {YnBsaXN0MDDUAQIDBAUGBwpYJHZlcnNpb25ZJGFyY2hpdmVyVCR0b3BYJG9iamVjdHMSAAGGoF8QD05TS2V5ZWRBcmNoaXZlctEICVRyb290gAE=}}

@book{Smith:2021ab,
\tauthor = {Smith, Jane},
\tpublisher = bp,
\ttitle = {Water: A Second Look},
\tyear = {2021}}

@article{Smith:2020aa,
\tauthor = {Smith, Jane},
\ttitle = {Water and Power (a copy BibDesk kept)},
\tyear = {2020}}
"""

HAND_WRITTEN = """% Sources for the water brief -- kept by hand.

@STRING{ mit = "MIT Press" }
@STRING{ gf  = "Generalized " }

@comment{ Old entry, kept for reference: @article{ignored, title = {Never read}} }

@Book ( Gel'fand1975 ,
   author    = "Gel'fand, I. M. and {\\v S}ilov, G. E.",
   title     = gf # "Functions",
   publisher = mit,
   year      = 1975 )

@InCollection{chapter2001,
  crossref = {proc2001},
  author   = {Doe, John},
  title    = {A Chapter on Rivers},
  pages    = {1--10}
}

@Proceedings{proc2001,
  title     = {Proceedings of the Conference on Rivers},
  year      = 2001,
  publisher = {River Society}
}

@article{broken2019,
  title = {An entry whose brace never closes,
  year = 2019

@misc{notitle2020, author = {Somebody}, year = 2020}

@misc{after2021, title = {Read after a broken entry}, year = 2021}
"""

ONLY_MACROS = """@string{jbs = {Journal of Basin Studies}}
@string{bp = {Basin Press}}
"""


def many_good_one_broken(count: int = 300) -> str:
    """Hundreds of entries as a library holds them, one of them malformed in the middle."""
    entries = [f"@article{{entry{n},\n  title = {{Article number {n}}},\n  author = {{Writer, A.}},\n"
               f"  journal = {{Journal}},\n  year = {{{1950 + n % 70}}}\n}}\n" for n in range(count)]
    entries[count // 2] = "@article{entry_broken,\n  title {An equals sign missing},\n  year = {2000}\n}\n"
    return "\n".join(entries)


ZOTERO_CSL = [
    {"id": "http://zotero.org/users/local/kSXEGM5j/items/ABCD1234", "type": "article-journal",
     "title": "Water and Power in the Upper Basin", "container-title": "Journal of Basin Studies",
     "page": "45-67", "volume": "12", "issue": "3", "URL": "https://example.org/water", "DOI": "10.1234/wp.2020.12",
     "ISSN": "1234-5678", "language": "en",
     "author": [{"family": "Smith", "given": "Jane"}, {"family": "Török", "given": "Zsófia"}],
     "accessed": {"date-parts": [["2021", 4, 1]]}, "issued": {"date-parts": [["2020", 3]]}},
    {"id": "http://zotero.org/users/local/kSXEGM5j/items/EFGH5678", "type": "book",
     "title": "Water: A Second Look", "publisher": "Basin Press", "author": [{"family": "Smith", "given": "Jane"}],
     "issued": {"date-parts": [["2021"]]}},
    # The same item twice (it sits in two collections that were exported together).
    {"id": "http://zotero.org/users/local/kSXEGM5j/items/EFGH5678", "type": "book",
     "title": "Water: A Second Look", "publisher": "Basin Press", "issued": {"date-parts": [["2021"]]}},
]

MANUBOT_CSL = [
    {"id": "doi:10.1234/wp.2020.12", "type": "article-journal", "title": "Water and Power in the Upper Basin",
     "container-title": "Journal of Basin Studies", "volume": "12", "issue": "3", "page": "45-67",
     "issued": {"date-parts": [[2020, 3, 5]]}, "author": [{"given": "Jane", "family": "Smith"}],
     "DOI": "10.1234/wp.2020.12", "URL": "https://doi.org/10.1234/wp.2020.12",
     "note": "This CSL Item was generated by Manubot v0.5.5 from its persistent identifier (standard_id).\n"
             "standard_id: doi:10.1234/wp.2020.12"},
    {"id": "url:https://example.org/flows-2023", "type": "webpage", "title": "Flow Figures for 2023",
     "URL": "https://example.org/flows-2023", "container-title": "Basin Observatory",
     "issued": {"date-parts": [[2023, 2, 1]]},
     "note": "This CSL Item was generated by Manubot v0.5.5 from its persistent identifier (standard_id).\n"
             "standard_id: url:https://example.org/flows-2023"},
]

# As Crossref's content negotiation sends it (doi.org with Accept: application/vnd.citationstyles.csl+json),
# then given ids (its DOIs as URLs) when collected into one file; some fields are lists of one.
CROSSREF_CSL = [
    {"id": "https://doi.org/10.5555/cewr.2012.7", "indexed": {"date-parts": [[2023, 1, 2]]}, "reference-count": 0,
     "publisher": "Central European Water Society", "issue": "2", "DOI": "10.5555/cewr.2012.7",
     "type": "article-journal", "page": "1-30", "source": "Crossref", "title": ["Dams on the Danube"],
     "prefix": "10.5555", "volume": "7", "author": [{"given": "Zsófia", "family": "Török", "sequence": "first",
                                                    "affiliation": []}],
     "member": "9999", "container-title": ["Central European Water Review"], "original-title": [],
     "language": "en", "URL": "http://dx.doi.org/10.5555/cewr.2012.7",
     "published-print": {"date-parts": [[2012, 5]]}, "issued": {"date-parts": [[2012, 5]]}, "subtitle": [],
     "short-title": [], "ISSN": ["1111-2222"], "subject": []},
]
# One item saved straight from doi.org: no id, so it cannot be cited.
CROSSREF_SINGLE = {"indexed": {"date-parts": [[2023, 1, 2]]}, "DOI": "10.5555/cewr.2013.8",
                   "type": "article-journal", "title": "Barrages of the Tisza", "container-title": "CEWR",
                   "author": [{"given": "Péter", "family": "Nagy", "sequence": "first", "affiliation": []}],
                   "issued": {"date-parts": [[2013]]}, "URL": "http://dx.doi.org/10.5555/cewr.2013.8"}


@dataclass(frozen=True)
class Case:
    """One bibliography file: its name, who makes files like it, the citations a brief makes of it, the words
    a reader must see in the PDF's notes and sources list (where a name stands inverted, the first author's), and how many entries it skips with a warning."""

    name: str
    maker: str
    cites: str
    shows: tuple[str, ...]
    skipped: int = 0


CORPUS = [
    Case("zotero.bib", "Zotero", "[@smith_water_2020, pp. 45-46; @smith_water_2020-1]",
         ("Smith, Jane, and Zsófia Török", "Water and Power in the Upper Basin", "Water: A Second Look")),
    Case("better-bibtex.bib", "Better BibTeX", "[@török2012; @маурицио2008переоценка; @AnalystDesk2023]",
         ("Маурицио, Анна", "Переоценка водных ресурсов", "Наука", "Török, Zsófia, and Péter Nagy", "Dams on the Danube:",
          "Basin Observatory")),
    Case("mendeley.bib", "Mendeley", "[@Smith2020; @Dvorak1999]", ("Dvořák, Antonín", "Symphonies of the River Vltava")),
    Case("jabref.bib", "JabRef", "[@Mueller2019]", ("Müller, Hans, and Åse Ødegård", "Dämme und Flüsse"),
         skipped=1),
    Case("bibdesk.bib", "BibDesk", "[@Smith:2021ab]",
         ("Smith, Jane", "Water: A Second Look", "Basin Press"), skipped=1),
    Case("hand-written.bib", "hand-written", "[@{Gel'fand1975}; @chapter2001; @after2021]",
         ("Gel", "fand, I. M., and G. E. Šilov", "Generalized Functions", "MIT Press", "A Chapter on Rivers",
          "River Society, 2001", "Read after a broken entry"), skipped=2),  # the chapter's publisher and year: its crossref's
    Case("library.bib", "hand-written", "[@entry7; @entry299]", ("Article number 7", "Article number 299"), skipped=1),
    Case("only-macros.bib", "BibDesk", "", ()),
    Case("zotero.json", "Zotero", "[@{http://zotero.org/users/local/kSXEGM5j/items/ABCD1234}]",
         ("Smith, Jane, and Zsófia Török", "Water and Power in the Upper Basin"), skipped=1),
    Case("pandoc.json", "pandoc", "[@{Gel'fand1975}; @chapter2001]", ("Generalized functions", "MIT Press", "A chapter on rivers")),
    Case("manubot.json", "Manubot", "[@doi:10.1234/wp.2020.12; @url:https://example.org/flows-2023]",
         ("Water and Power in the Upper Basin", "Flow Figures for 2023")),
    Case("crossref.json", "Crossref", "[@{https://doi.org/10.5555/cewr.2012.7}]",
         ("Török, Zsófia", "Dams on the Danube", "Central European Water Society")),
    Case("crossref-single.json", "Crossref", "", (), skipped=1),
]


def write(folder: Path) -> dict[str, Path]:
    """Every file of the corpus in ``folder``, by name."""
    texts = {"zotero.bib": ZOTERO_BIB, "better-bibtex.bib": BETTER_BIBTEX, "mendeley.bib": MENDELEY,
             "bibdesk.bib": BIBDESK, "hand-written.bib": HAND_WRITTEN, "library.bib": many_good_one_broken(),
             "only-macros.bib": ONLY_MACROS, "zotero.json": json.dumps(ZOTERO_CSL, indent=2, ensure_ascii=False),
             "manubot.json": json.dumps(MANUBOT_CSL, indent=2), "crossref.json": json.dumps(CROSSREF_CSL),
             "crossref-single.json": json.dumps(CROSSREF_SINGLE)}
    made = {}
    for name, text in texts.items():
        made[name] = folder / name
        made[name].write_text(text, encoding="utf-8")
    made["jabref.bib"] = folder / "jabref.bib"
    made["jabref.bib"].write_bytes(JABREF.encode("cp1252"))
    # pandoc's own CSL-JSON of the hand-written file, without its broken entries and with braces for the
    # parentheses BibTeX allows around an entry (pandoc refuses both).
    readable = HAND_WRITTEN[:HAND_WRITTEN.index("@article{broken2019")]
    readable = readable.replace("@Book ( Gel'fand1975 ,", "@Book{Gel'fand1975,").replace("= 1975 )", "= 1975 }")
    (folder / "for-pandoc.bib").write_text(readable, encoding="utf-8")
    made["pandoc.json"] = folder / "pandoc.json"
    made["pandoc.json"].write_bytes(subprocess.run(["pandoc", str(folder / "for-pandoc.bib"), "-f", "bibtex", "-t",
                                                    "csljson"], check=True, capture_output=True).stdout)
    return made
