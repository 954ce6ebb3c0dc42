#pragma once

#include <QHash>
#include <QSet>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace cairn {

// Colours the fenced code blocks of a rendered Markdown document (the blocks that carry
// QTextFormat::BlockCodeLanguage): keywords, strings, comments, numbers and, for markup, tags, for
// the common languages (CodeBlocks::canonicalLanguage). Everything else is left as it is.
//
// While an answer streams, the block being written stays plain: colourUntil() sets where colouring
// stops, and moving it forward colours the blocks that were finished meanwhile.
class CodeHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit CodeHighlighter(QTextDocument *document);

    // Blocks that start at or after this position stay plain (-1: none).
    void colourUntil(int position);
    // Dark or light colours (follows the palette of the view).
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rules {
        QSet<QString> keywords;
        QSet<QString> types;
        QString lineComment; // "//", "#", "--"; empty: none
        bool blockComments = false; // /* */
        bool hashComments = false;
        bool backtickStrings = false;
        bool tripleQuotes = false; // Python's """ and '''
    };
    static const Rules *rulesFor(const QString &language);
    void highlightMarkup(const QString &text);
    void highlightDiff(const QString &text);

    int m_until = -1;
    QTextCharFormat m_keyword, m_type, m_string, m_comment, m_number, m_tag, m_added, m_removed;
};

} // namespace cairn
