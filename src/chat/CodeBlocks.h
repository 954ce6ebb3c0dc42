#pragma once

#include <QList>
#include <QString>

namespace cairn::CodeBlocks {

// A fenced code block of a Markdown text (``` or ~~~, CommonMark's rules for the closing fence).
struct Block {
    QString language; // the first word of the info string, lower-case; may be empty
    QString code; // the lines between the fences
    qsizetype start = 0; // where the opening fence's line starts in the text
    qsizetype end = 0; // just after the closing fence's line (or the text's end: still open)
    bool closed = false;
    QString fence; // the opening fence ("```", "~~~~"): what closes the block
};

QList<Block> parse(const QString &markdown);

// Where the finished blocks of a growing Markdown text end: just after the last blank line that is
// outside a code block (fences as parse() sees them). Scans from `from`, which must be such a
// boundary (or 0); only complete lines count.
qsizetype finishedEnd(const QString &markdown, qsizetype from);

// Where the line that opens the k-th block starts, for every block that starts at or after `from`.
// Stops at `to`; `firstIndex` numbers the first block found.
struct Opening {
    qsizetype lineStart;
    QString language;
    int index;
};
QList<Opening> openings(const QString &markdown, qsizetype from, qsizetype to, int firstIndex);

// The language a fence names, as the highlighter knows it ("c++" and "cc" are "cpp", "py" is
// "python", …); empty when it is not one of the languages Cairn colours.
QString canonicalLanguage(const QString &name);

} // namespace cairn::CodeBlocks
