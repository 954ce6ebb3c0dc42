// cairn-cli: import, export, chats list, search.
#include "chat/ChatTransfer.h"
#include "cli/CliApp.h"
#include "storage/ChatRepository.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

#include <unistd.h>

namespace cairn {

namespace {

Error ioError(const QString &message)
{
    return Error::make(ErrorCode::Io, message);
}

} // namespace

// Text from imported files is printed without control characters (no terminal escapes) on one line.
QString CliApp::printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const bool control = ch.category() == QChar::Other_Control || ch == QChar::LineSeparator
            || ch == QChar::ParagraphSeparator;
        out += control ? QLatin1Char(' ') : ch;
    }
    return out;
}

int CliApp::importCommand(const QStringList &words)
{
    if (words.size() != 2)
        return usage(QCoreApplication::translate("cairn::CliApp", "import needs exactly one FILE"));
    QFile file(words.at(1));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ioError(QCoreApplication::translate("cairn::CliApp", "cannot read %1: %2")
                                .arg(words.at(1), file.errorString())));
    const QByteArray data = file.readAll();
    if (data.trimmed().isEmpty())
        return fail(Error::make(ErrorCode::Generic,
            QCoreApplication::translate("cairn::CliApp", "%1 is empty: there is nothing to import")
                .arg(words.at(1))));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    ChatRepository repo(db.value()->connection());
    const bool tty = isatty(fileno(stderr)) != 0;
    auto summary = ChatTransfer::import(repo, data, [tty](int done, int total) {
        if (tty && total >= 50) {
            std::fprintf(stderr, "\r%d/%d", done, total);
            std::fflush(stderr);
        }
        return true;
    });
    if (tty)
        std::fputs("\r", stderr);
    db.value()->closeThreadConnection();
    if (!summary) {
        // A file that cannot be imported is a failure (exit 1), not a usage error.
        Error e = summary.error();
        if (e.code == ErrorCode::InvalidArgument)
            e.code = ErrorCode::Generic;
        return fail(e);
    }
    const int chats = summary->chats;
    out(QCoreApplication::translate(
        "cairn::CliApp", "imported %n chat(s) with %1 messages from %2 (%3 already there)", nullptr, chats)
            .arg(summary->messages)
            .arg(ChatTransfer::formatName(summary->format))
            .arg(summary->skipped));
    return Ok;
}

int CliApp::exportCommand(const QStringList &words)
{
    if (words.size() != 2)
        return usage(
            QCoreApplication::translate("cairn::CliApp", "export needs exactly one OUT file (or -)"));
    const QString format = m_parser.value(QStringLiteral("format")).toLower();
    if (format != QLatin1String("json") && format != QLatin1String("md"))
        return usage(
            QCoreApplication::translate("cairn::CliApp", "export needs --format json or --format md"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    ChatRepository repo(db.value()->connection());
    const auto kind = format == QLatin1String("json") ? ChatTransfer::ExportFormat::Json
                                                      : ChatTransfer::ExportFormat::Markdown;
    const QString chatId = m_parser.value(QStringLiteral("chat"));
    if (m_parser.isSet(QStringLiteral("chat")) && chatId.trimmed().isEmpty())
        return usage(QCoreApplication::translate("cairn::CliApp", "--chat needs a chat id (see chats list)"));
    const QString target = words.at(1);
    if (target == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return fail(ioError(out.errorString()));
        Result<int> written = ChatTransfer::write(repo, out, kind, chatId);
        out.flush();
        db.value()->closeThreadConnection();
        return written ? Ok : fail(written.error());
    }
    // Written whole or not at all, a chat at a time; exports hold private text, so only the owner
    // may read them.
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(ioError(QCoreApplication::translate("cairn::CliApp", "cannot write %1: %2")
                                .arg(target, file.errorString())));
    Result<int> written = ChatTransfer::write(repo, file, kind, chatId);
    db.value()->closeThreadConnection();
    if (!written) {
        file.cancelWriting();
        return fail(written.error());
    }
    if (!file.commit())
        return fail(ioError(QCoreApplication::translate("cairn::CliApp", "cannot write %1: %2")
                                .arg(target, file.errorString())));
    const int count = written.value();
    std::fprintf(stderr, "%s\n",
        qPrintable(QCoreApplication::translate("cairn::CliApp", "exported %n chat(s) to %1", nullptr, count)
                       .arg(target)));
    return Ok;
}

int CliApp::chatsCommand(const QStringList &words)
{
    if (words.size() != 2 || words.at(1) != QLatin1String("list"))
        return usage(QCoreApplication::translate("cairn::CliApp", "chats needs list"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    ChatRepository repo(db.value()->connection());
    ChatFilter filter;
    filter.archived = m_parser.isSet(QStringLiteral("archived"));
    constexpr int kPage = 1000;
    for (int offset = 0;; offset += kPage) {
        auto page = repo.listChats(filter, offset, kPage);
        if (!page) {
            db.value()->closeThreadConnection();
            return fail(page.error());
        }
        for (const ChatRecord &c : page.value()) {
            out(c.id + QLatin1Char('\t') + printable(c.title) + QLatin1Char('\t')
                + QDateTime::fromMSecsSinceEpoch(c.updatedAt, Qt::UTC).toString(Qt::ISODate));
        }
        if (page->size() < kPage)
            break;
    }
    db.value()->closeThreadConnection();
    return Ok;
}

int CliApp::searchCommand(const QStringList &words)
{
    if (words.size() < 2)
        return usage(QCoreApplication::translate("cairn::CliApp", "search needs a QUERY"));
    SearchQuery query;
    query.text = words.mid(1).join(QLatin1Char(' '));
    query.limit = 20;
    if (m_parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        query.limit = m_parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || query.limit < 1)
            return usage(QCoreApplication::translate("cairn::CliApp", "--limit needs a positive number"));
    }
    auto db = unlock();
    if (!db)
        return fail(db.error());
    ChatRepository repo(db.value()->connection());
    auto hits = repo.search(query);
    db.value()->closeThreadConnection();
    if (!hits)
        return fail(hits.error());
    const bool tty = isatty(fileno(stdout)) != 0;
    const QString open = tty ? QStringLiteral("\x1b[1m") : QStringLiteral("[");
    const QString close = tty ? QStringLiteral("\x1b[0m") : QStringLiteral("]");
    for (const SearchHit &h : hits.value()) {
        QString snippet = h.snippet;
        snippet.replace(SearchSnippet::kOpen, QChar(0xE000)).replace(SearchSnippet::kClose, QChar(0xE001));
        snippet = printable(snippet);
        snippet.replace(QChar(0xE000), open).replace(QChar(0xE001), close);
        const QString where = h.messageId.isEmpty() ? QCoreApplication::translate("cairn::CliApp", "title")
                                                    : h.role + QLatin1Char(' ') + h.messageId;
        out(QStringLiteral("%1 (%2) %3: %4").arg(printable(h.chatTitle), h.chatId, where, snippet));
    }
    if (hits->isEmpty())
        std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("cairn::CliApp", "no matches")));
    return Ok;
}

} // namespace cairn
