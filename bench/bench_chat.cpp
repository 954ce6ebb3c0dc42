// bench_chat: the chat pane at scale. Prints "name: value unit" lines.
//
// A generator fills an encrypted database with --chats chats and --messages messages of realistic
// lengths (one chat has --long messages), kept in --dir for later runs. Then, with real widgets on
// the offscreen platform:
//   start_to_list_ms   a new Chat pane until its first page of chats is painted (median)
//   open_long_chat_ms  opening the long chat until it is rendered (median)
//   search_p50_ms / search_p95_ms   full-text queries over every message
//   stream_*           an answer of --stream-tokens tokens at --tps tokens/s from
//                      cairn-llm-test-server (a separate process): the longest GUI-thread stall
//                      and the process's CPU time
#include "chat/ChatBackend.h"
#include "chat/MessageTree.h"
#include "gui/chat/ChatListModel.h"
#include "gui/chat/ConversationView.h"
#include "gui/panes/ChatPane.h"
#include "secrets/MemorySecretStore.h"
#include "services/ConnectionService.h"
#include "storage/ChatRepository.h"
#include "storage/Database.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include "BenchReport.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <sys/resource.h>

using namespace cairn;
using cairn::bench::percentile;
using cairn::bench::print;

namespace {

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A vocabulary with a long tail, some accents and some CJK, so queries hit realistic posting lists.
QStringList vocabulary()
{
    QStringList words = QStringLiteral(
        "the of and to in is that for it as with was on be by this are or from at which but not have an "
        "they you were has their more one all can been would there will about other what when only its "
        "model answer question code function error server memory thread database index query search "
        "python rust qt widget layout stream token latency cache vector embedding prompt context window "
        "garden recipe travel lisbon tokyo paris museum history physics chemistry biology economics "
        "café naïve résumé crème brûlée über straße 東京 ラーメン 日本語 天気 计算机 数据库")
                            .split(QLatin1Char(' '));
    QRandomGenerator rng(7);
    for (int i = 0; i < 3000; ++i) {
        QString w;
        const int len = 3 + static_cast<int>(rng.bounded(8));
        for (int j = 0; j < len; ++j)
            w += QChar(u'a' + static_cast<char16_t>(rng.bounded(26)));
        words.append(w);
    }
    return words;
}

QString sentence(QRandomGenerator &rng, const QStringList &words, int length)
{
    QString out;
    while (out.size() < length) {
        // Zipf-like: common words far more often than rare ones.
        const double u = rng.generateDouble();
        const auto i = static_cast<qsizetype>(std::pow(u, 3.0) * static_cast<double>(words.size() - 1));
        out += words.at(i);
        out += rng.bounded(12) == 0 ? QStringLiteral(". ") : QStringLiteral(" ");
    }
    return out;
}

bool generate(ChatRepository &repo, int chats, int messages, int longChat, QString *longId)
{
    const QStringList words = vocabulary();
    QRandomGenerator rng(42);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int perChat = std::max(2, (messages - longChat) / std::max(1, chats - 1));
    QElapsedTimer t;
    t.start();
    int made = 0;
    for (int c = 0; c < chats;) {
        const Result<void> batch = repo.inTransaction([&]() -> Result<void> {
            for (int k = 0; k < 1000 && c < chats; ++k, ++c) {
                ChatRecord chat;
                chat.title = sentence(rng, words, 20 + static_cast<int>(rng.bounded(30))).trimmed();
                chat.createdAt = now - static_cast<qint64>(rng.bounded(400 * 24 * 3600)) * 1000;
                chat.updatedAt = chat.createdAt;
                chat.model = QStringLiteral("llama3.1:8b");
                Result<ChatRecord> created = repo.createChat(chat);
                if (!created)
                    return created.error();
                if (c == 0)
                    *longId = created->id;
                const int count = c == 0 ? longChat : perChat;
                QString parent;
                for (int m = 0; m < count; ++m, ++made) {
                    MessageRecord msg;
                    msg.chatId = created->id;
                    msg.parentId = parent;
                    msg.role = m % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
                    msg.model = m % 2 ? chat.model : QString();
                    const int length = m % 2 ? 200 + static_cast<int>(rng.bounded(1800))
                                             : 20 + static_cast<int>(rng.bounded(280));
                    msg.content = sentence(rng, words, length);
                    msg.createdAt = chat.createdAt + m * 1000;
                    Result<MessageRecord> added = repo.addMessage(msg, m + 1 == count);
                    if (!added)
                        return added.error();
                    parent = added->id;
                }
            }
            return {};
        });
        if (!batch) {
            std::fprintf(stderr, "bench_chat: generating failed: %s\n", qPrintable(batch.error().message));
            return false;
        }
        std::fprintf(stderr, "\rgenerated %d/%d chats, %d messages", c, chats, made);
    }
    std::fprintf(stderr, "\n");
    print("generate_seconds", static_cast<double>(t.elapsed()) / 1000.0, "s");
    return true;
}

// Runs the event loop (no busy waiting, no sleeping) until `done` fires or the timeout passes.
template<typename Sender, typename Signal> void waitFor(Sender *sender, Signal done, int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(sender, done, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    SqlCipherDriver::registerDriver();
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("dir"), QStringLiteral("Keep the generated database here (reused when present)."),
            QStringLiteral("DIR")},
        {QStringLiteral("chats"), QStringLiteral("Chats to generate."), QStringLiteral("N"),
            QStringLiteral("100000")},
        {QStringLiteral("messages"), QStringLiteral("Messages to generate."), QStringLiteral("N"),
            QStringLiteral("1000000")},
        {QStringLiteral("long"), QStringLiteral("Messages in the long chat."), QStringLiteral("N"),
            QStringLiteral("5000")},
        {QStringLiteral("queries"), QStringLiteral("Search queries."), QStringLiteral("N"),
            QStringLiteral("200")},
        {QStringLiteral("repeat"), QStringLiteral("Runs of the GUI figures (median)."), QStringLiteral("R"),
            QStringLiteral("5")},
        {QStringLiteral("stream-tokens"), QStringLiteral("Tokens of the streamed answer (0: skip)."),
            QStringLiteral("N"), QStringLiteral("20000")},
        {QStringLiteral("tps"), QStringLiteral("Tokens per second of the stream."), QStringLiteral("R"),
            QStringLiteral("200")},
        {QStringLiteral("server"), QStringLiteral("cairn-llm-test-server binary."), QStringLiteral("PATH"),
            QStringLiteral(CAIRN_LLM_TEST_SERVER)},
    });
    parser.process(app);
    const int chats = parser.value(QStringLiteral("chats")).toInt();
    const int messages = parser.value(QStringLiteral("messages")).toInt();
    const int longChat = parser.value(QStringLiteral("long")).toInt();
    const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());

    QTemporaryDir temp;
    const QString dir
        = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    QDir().mkpath(dir);
    const QString keyFile = QDir(dir).filePath(QStringLiteral("bench.key")); // a throwaway bench key
    const bool exists = QFile::exists(QDir(dir).filePath(QStringLiteral("bench.db")));
    DatabaseKey key;
    if (exists) {
        QFile f(keyFile);
        if (!f.open(QIODevice::ReadOnly))
            return 1;
        key = DatabaseKey::fromRawHex(f.readAll().trimmed());
    } else {
        key = DatabaseKey::generateRaw();
        QFile f(keyFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(key.password().toLatin1()) < 0)
            return 1;
    }
    Database::Options o;
    o.path = QDir(dir).filePath(QStringLiteral("bench.db"));
    o.key = key;
    o.create = !exists;
    auto opened = Database::open(o);
    if (!opened) {
        std::fprintf(stderr, "bench_chat: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    std::shared_ptr<Database> db = opened.value();
    QString longId;
    const QString longFile = QDir(dir).filePath(QStringLiteral("bench.long"));
    {
        ChatRepository repo(db->connection());
        if (!exists) {
            if (!generate(repo, chats, messages, longChat, &longId))
                return 1;
            QFile f(longFile);
            if (!f.open(QIODevice::WriteOnly) || f.write(longId.toLatin1()) < 0)
                return 1;
        } else {
            QFile f(longFile);
            if (!f.open(QIODevice::ReadOnly))
                return 1;
            longId = QString::fromLatin1(f.readAll().trimmed());
        }
        ChatFilter all;
        print("chats", static_cast<double>(repo.countChats(all).value()), "rows");
        print("long_chat_messages", static_cast<double>(repo.messageCount(longId).value()), "rows");
    }
    MemorySecretStore secrets;

    // Start to list painted, and opening the long chat.
    std::vector<double> starts, opens;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer t;
        t.start();
        ChatPane pane(db, &secrets);
        pane.resize(1100, 800);
        pane.show();
        if (pane.chatModel()->rowCount() == 0)
            waitFor(pane.chatModel(), &ChatListModel::loaded, 60000);
        pane.grab(); // painted
        starts.push_back(static_cast<double>(t.elapsed()));
        QElapsedTimer o2;
        o2.start();
        pane.openChat(longId);
        waitFor(pane.backend(), &ChatBackend::chatLoaded, 60000); // the pane renders it first
        pane.conversation()->grab();
        opens.push_back(static_cast<double>(o2.elapsed()));
    }
    print("start_to_list_ms", percentile(starts, 0.5), "ms");
    {
        // Where opening a long chat spends its time: the worker reading it, and rendering it.
        ChatBackend backend(db, &secrets);
        ChatRecord chat;
        QList<MessageRecord> loaded;
        QStringList complete;
        QObject::connect(&backend, &ChatBackend::chatLoaded,
            [&](const ChatRecord &c, const QList<MessageRecord> &m, const QStringList &done) {
                chat = c;
                loaded = m;
                complete = done;
            });
        QElapsedTimer t;
        t.start();
        backend.loadChat(longId, ConversationView::kWindow);
        waitFor(&backend, &ChatBackend::chatLoaded, 60000);
        print("open_long_chat_read_cold_ms", static_cast<double>(t.nsecsElapsed()) / 1e6, "ms");
        t.restart();
        backend.loadChat(longId, ConversationView::kWindow);
        waitFor(&backend, &ChatBackend::chatLoaded, 60000);
        print("open_long_chat_read_ms", static_cast<double>(t.nsecsElapsed()) / 1e6, "ms");
        {
            ChatRepository repo(db->connection());
            (void)repo.messageOutline(longId);
            t.restart();
            const auto outline = repo.messageOutline(longId);
            print("open_long_chat_outline_query_ms", static_cast<double>(t.nsecsElapsed()) / 1e6, "ms");
            t.restart();
            const MessageTree tree(outline.value());
            const QStringList path = tree.pathTo(tree.resolveCurrent({}));
            print("open_long_chat_tree_ms", static_cast<double>(t.nsecsElapsed()) / 1e6, "ms");
        }
        db->closeThreadConnection();
        ConversationView view;
        view.resize(1000, 700);
        t.restart();
        view.setChat(chat, loaded, complete);
        view.grab();
        print("open_long_chat_render_ms", static_cast<double>(t.nsecsElapsed()) / 1e6, "ms");
    }
    print("open_long_chat_ms", percentile(opens, 0.5), "ms");

    // Search.
    {
        const QStringList words = vocabulary();
        QRandomGenerator rng(99);
        std::vector<double> times;
        ChatRepository repo(db->connection());
        const int queries = parser.value(QStringLiteral("queries")).toInt();
        for (int i = 0; i < queries; ++i) {
            SearchQuery q;
            const int n = 1 + static_cast<int>(rng.bounded(2));
            QStringList terms;
            for (int k = 0; k < n; ++k)
                terms.append(words.at(static_cast<qsizetype>(
                    std::pow(rng.generateDouble(), 2.0) * static_cast<double>(words.size() - 1))));
            q.text = terms.join(QLatin1Char(' '));
            q.limit = 50;
            QElapsedTimer t;
            t.start();
            const auto hits = repo.search(q);
            times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            if (!hits)
                std::fprintf(stderr, "search failed: %s\n", qPrintable(hits.error().message));
        }
        print("search_p50_ms", percentile(times, 0.5), "ms");
        print("search_p95_ms", percentile(times, 0.95), "ms");
        print("search_max_ms", percentile(times, 1.0), "ms");
    }
    db->closeThreadConnection();

    // Streaming a long answer into the pane.
    const int tokens = parser.value(QStringLiteral("stream-tokens")).toInt();
    if (tokens > 0) {
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        server.start(parser.value(QStringLiteral("server")),
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tokens"),
                QString::number(tokens), QStringLiteral("--paragraph"),
                QStringLiteral("80"), // about a paragraph of prose each
                QStringLiteral("--tokens-per-second"), parser.value(QStringLiteral("tps"))});
        if (!server.waitForStarted() || !server.waitForReadyRead(10000))
            return 1;
        const QByteArray banner = server.readLine();
        const QUrl origin(QString::fromLatin1(banner.mid(banner.indexOf("http://")).trimmed()));
        {
            ConnectionService service(db, &secrets);
            ConnectionDraft d;
            d.name = QStringLiteral("bench ") + QString::number(QDateTime::currentMSecsSinceEpoch());
            d.kind = QStringLiteral("openai");
            d.baseUrl = origin.resolved(QUrl(QStringLiteral("/v1"))).toString();
            auto added = service.add(d);
            if (!added || !service.setDefaultModel(ModelRole::Chat, {added->id, QStringLiteral("test-chat")}))
                return 1;
            db->closeThreadConnection();
        }
        ChatPane pane(db, &secrets);
        pane.resize(1100, 800);
        pane.show();
        waitFor(pane.backend(), &ChatBackend::modelsListed, 10000);
        QElapsedTimer sinceTick;
        qint64 longest = 0;
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(5); // a gap well beyond 5 ms means the GUI thread was busy
        QObject::connect(&tick, &QTimer::timeout, [&] {
            longest = std::max(longest, sinceTick.elapsed());
            sinceTick.restart();
        });
        pane.composer()->setPlainText(QStringLiteral("Go"));
        const double cpu0 = cpuSeconds();
        QElapsedTimer wall;
        wall.start();
        sinceTick.start();
        tick.start();
        pane.sendComposer();
        waitFor(pane.backend(), &ChatBackend::answerFinished, 3600000);
        tick.stop();
        const double cpu = cpuSeconds() - cpu0;
        const double seconds = static_cast<double>(wall.elapsed()) / 1000.0;
        print("stream_longest_stall_ms", static_cast<double>(longest), "ms");
        print("stream_seconds", seconds, "s");
        print("stream_cpu_percent", 100.0 * cpu / seconds, "% of one core");
        server.terminate();
        server.waitForFinished(5000);
    }
    return 0;
}
