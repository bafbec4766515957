"""A person with publish: false (Secretina Nascosta, data/people/hidden-person.yml) named in
prose: by name (in either order, any case, split over lines), e-mail or phone number, in
records, vocabularies, hand-written pages and interface strings."""

from pathlib import Path

EDITS = {
    "data/workshops/alpha-kickoff.yml": [
        ("  it: Le organizzazioni hanno condiviso **tre** esperienze.",
         "  it: Hanno parlato Ada Lovelace e SECRETINA NASCOSTA."),
        ("  en: The organisations shared **three** experiences.",
         "  en: Speakers were Ada Lovelace and Nascosta Secretina."),
    ],
    "data/practices/bridges.yml": [
        ("  es: 455 personas acompañadas.",
         "  es: 'Información: [escribir](mailto:Secretina@example.org) o 055 000 000.'"),
    ],
    "data/vocabularies/cities.yml": [
        ("label: {it: Firenze, en: Florence, es: Florencia}",
         "label: {it: Firenze, en: Florence (Secretìna Nascosta), es: Florencia}"),
    ],
    "docs/en/about.md": [("# About (en)", "# About (en)\n\nThanks to Secretina\nNascosta.")],
    "locales/es.yml": [('until: "hasta el {end}"', 'until: "hasta el {end} (+39 055 000000)"')],
}


def prepare(root: Path) -> None:
    for name, edits in EDITS.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
