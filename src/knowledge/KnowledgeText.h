#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace cairn::knowledge {

// How a document is cut into chunks (Dify's "process rules"): automatic, or custom sizes and
// separators, with optional cleaning.
struct ChunkSettings {
    int maxTokens = 500; // a chunk's size, in estimated tokens (see estimateTokens)
    int overlapTokens = 50; // how much of the end of a chunk starts the next one
    // Tried in order: a piece too large at one separator is cut again at the next; the last resort
    // cuts anywhere (at a character boundary).
    QStringList separators {
        QStringLiteral("\n\n"), QStringLiteral("\n"), QStringLiteral(". "), QStringLiteral(" ")};
    bool collapseWhitespace = true; // runs of spaces and tabs become one space, 3+ newlines two
    bool dropUrlsAndEmails = false;

    // Sizes out of range are brought back in (1..8192 tokens, overlap below half the size).
    ChunkSettings normalised() const;
    bool operator==(const ChunkSettings &) const = default;
};

// A cheap, deterministic token estimate (no tokenizer model needed offline): a CJK character counts
// one token, other text about one token per four characters.
int estimateTokens(QStringView text);

// The cleaning rules of the settings, applied to a piece of text.
QString clean(const QString &text, const ChunkSettings &settings);

struct Chunk {
    int position = 0; // 0, 1, 2 … in the document
    QString text;
    int tokens = 0;
};

// Cuts a document into chunks as its text arrives, holding only a bounded buffer (a few chunks'
// worth), so a 200 MB file is split in bounded memory. feed() pieces in order, then finish();
// chunks come out through take() as they are ready. Empty or whitespace-only chunks never appear.
class ChunkStream
{
public:
    explicit ChunkStream(const ChunkSettings &settings = {});

    void feed(QStringView text);
    void finish();
    QList<Chunk> take();
    int produced() const { return m_next; }

private:
    void cutReady(bool final);
    void emitChunk(const QString &text);

    ChunkSettings m_settings;
    QString m_buffer;
    QList<Chunk> m_ready;
    QString m_overlap; // the chunk being filled: the tail of the previous one, then new pieces
    double m_fill = 0; // its estimated tokens, unrounded
    bool m_pendingFresh = false; // it holds text beyond that tail
    int m_next = 0;
};

// Text as the keyword index sees it: each CJK character stands apart as a word of its own (scripts
// without spaces are then searchable by word and phrase); other text is unchanged.
QString indexForm(QStringView text);

// The words of a query for keyword search: runs of letters and digits, in index form; a run of CJK
// characters is one phrase of single-character words. Duplicates are dropped, order is kept.
QStringList searchTerms(QStringView query);

// All of a text at once (tests, short documents).
QList<Chunk> split(const QString &text, const ChunkSettings &settings = {});

} // namespace cairn::knowledge
