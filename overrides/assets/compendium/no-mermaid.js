/*
 * Material loads Mermaid from a CDN when a page has a `.mermaid` diagram.
 * This site loads nothing from other origins and does not ship Mermaid (no page
 * has a diagram), so Material's script is pointed here instead
 * (compendium/theme_fixes.py): a diagram added by mistake is reported in the
 * console, never fetched from a third party.
 */
console.error("Mermaid diagrams are not supported on this site: it loads no third-party script.");
