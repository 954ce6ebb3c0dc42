// bench_storage: the same work through our QSQLCIPHER driver on an encrypted database and on a
// plain SQLite database (same driver, no key), plus the time to open an encrypted database.
//   bench_storage [--rows N] [--repeat R] [--dir DIR]
// Prints "name: value unit" lines; ratios are encrypted / plain, medians of R runs.
#include "secrets/KeychainSecretStore.h"
#include "storage/Database.h"
#include "storage/DatabaseKey.h"
#include "storage/StoreConfig.h"
#include "storage/Vault.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace cairn;

namespace {

struct Timings {
    double insertMs = 0;
    double selectMs = 0;
    double ftsMs = 0;
};

// A vocabulary of 20,000 made-up words; word frequency falls off like natural language (Zipf-like),
// so full-text queries hit a realistic number of rows.
const QStringList &vocabulary()
{
    static const QStringList words = []() {
        static const char *syllables[] = {"ka", "lo", "mi", "ren", "sto", "vel", "ur", "an", "tis", "po",
            "dra", "en", "qui", "mor", "sa", "lin", "gre", "to", "bel", "nu"};
        QStringList w;
        QRandomGenerator rng(1);
        while (w.size() < 20000) {
            QString word;
            const int n = 2 + static_cast<int>(rng.bounded(3));
            for (int i = 0; i < n; ++i)
                word += QLatin1String(syllables[rng.bounded(20)]);
            if (!w.contains(word))
                w << word;
        }
        return w;
    }();
    return words;
}

QString zipfWord(QRandomGenerator &rng)
{
    // Inverse-transform sampling of p(rank) ~ 1/rank over 20,000 ranks.
    const double u = rng.generateDouble();
    const int rank = static_cast<int>(std::pow(20000.0, u)) - 1;
    return vocabulary().at(std::clamp(rank, 0, 19999));
}

QString makeText(QRandomGenerator &rng, int approxBytes)
{
    QString s;
    s.reserve(approxBytes + 16);
    while (s.size() < approxBytes) {
        s += zipfWord(rng);
        s += QLatin1Char(' ');
    }
    return s;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool check(bool ok, const QSqlQuery &q, const char *what)
{
    if (!ok)
        std::fprintf(stderr, "bench_storage: %s failed: %s\n", what, qPrintable(q.lastError().text()));
    return ok;
}

// One run of the workload on a fresh database file.
bool runWorkload(const QString &path, const QString &password, const QString &options, int rows, Timings &t)
{
    const QString name = QStringLiteral("bench-") + QString::number(QRandomGenerator::global()->generate());
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::kName), name);
        db.setDatabaseName(path);
        db.setPassword(password);
        db.setConnectOptions(options);
        if (!db.open()) {
            std::fprintf(stderr, "bench_storage: open failed: %s\n", qPrintable(db.lastError().text()));
            return false;
        }
        QSqlQuery q(db);
        ok = check(q.exec(QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")),
                 q, "create")
            && check(
                q.exec(QStringLiteral(
                    "CREATE VIRTUAL TABLE items_fts USING fts5(body, content='items', content_rowid='id')")),
                q, "create fts")
            && check(
                q.exec(QStringLiteral("CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN "
                                      "INSERT INTO items_fts(rowid, body) VALUES (new.id, new.body); END")),
                q, "trigger");
        if (!ok)
            return false;

        QRandomGenerator rng(42); // the same text for both databases
        QElapsedTimer timer;
        timer.start();
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT INTO items (id, body) VALUES (?, ?)"));
        constexpr int kBatch = 1000;
        for (int i = 0; i < rows && ok; i += kBatch) {
            ok = db.transaction();
            for (int j = i; j < std::min(rows, i + kBatch) && ok; ++j) {
                ins.bindValue(0, j + 1);
                ins.bindValue(1, makeText(rng, 1000));
                ok = check(ins.exec(), ins, "insert");
            }
            ok = ok && db.commit();
        }
        t.insertMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

        QSqlQuery sel(db);
        sel.setForwardOnly(true);
        sel.prepare(QStringLiteral("SELECT body FROM items WHERE id = ?"));
        QRandomGenerator pick(7);
        qint64 bytes = 0;
        timer.restart();
        for (int i = 0; i < rows && ok; ++i) {
            sel.bindValue(0, static_cast<qint64>(pick.bounded(rows)) + 1);
            ok = check(sel.exec(), sel, "select") && sel.next();
            bytes += sel.value(0).toString().size();
        }
        t.selectMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

        QSqlQuery fts(db);
        fts.setForwardOnly(true);
        fts.prepare(QStringLiteral("SELECT rowid, snippet(items_fts, 0, '[', ']', '…', 8) FROM items_fts "
                                   "WHERE items_fts MATCH ? ORDER BY rank LIMIT 10"));
        QRandomGenerator words(9);
        timer.restart();
        for (int i = 0; i < 1000 && ok; ++i) {
            // Two words of middling frequency (ranks 50..2000), as a person would search.
            const QString a = vocabulary().at(50 + static_cast<int>(words.bounded(1950)));
            const QString b = vocabulary().at(50 + static_cast<int>(words.bounded(1950)));
            fts.bindValue(0, QString(a + QLatin1Char(' ') + b));
            ok = check(fts.exec(), fts, "fts");
            while (ok && fts.next())
                bytes += fts.value(1).toString().size();
        }
        t.ftsMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        if (bytes == 0)
            ok = false;
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

void removeDb(const QString &path)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
}

double openMs(const QString &path, const DatabaseKey &key)
{
    QElapsedTimer timer;
    timer.start();
    Database::Options o;
    o.path = path;
    o.key = key;
    auto db = Database::open(o);
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return db.ok() ? ms : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("rows"), QStringLiteral("Rows of ~1 KB text (default 100000)."),
                           QStringLiteral("N"), QStringLiteral("100000")},
        {QStringLiteral("repeat"), QStringLiteral("Runs per configuration; medians are printed (default 3)."),
            QStringLiteral("R"), QStringLiteral("3")},
        {QStringLiteral("cache-kb"),
            QStringLiteral("Page cache per connection in KiB, as Cairn uses (default 65536)."),
            QStringLiteral("KB"), QStringLiteral("65536")},
        {QStringLiteral("dir"),
            QStringLiteral("Where to put the databases (default: a temporary directory)."),
            QStringLiteral("DIR")}});
    parser.process(app);
    const int rows = std::max(1000, parser.value(QStringLiteral("rows")).toInt());
    const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());
    QTemporaryDir tmp;
    const QString dir
        = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : tmp.path();
    SqlCipherDriver::registerDriver();

    const DatabaseKey raw = DatabaseKey::generateRaw();
    std::vector<double> encIns, encSel, encFts, plainIns, plainSel, plainFts;
    for (int r = 0; r < repeat; ++r) {
        // Alternate the order so neither side always runs on a warmer machine.
        for (int side = 0; side < 2; ++side) {
            const bool encrypted = (side + r) % 2 == 0;
            const QString path = dir + (encrypted ? QStringLiteral("/enc.db") : QStringLiteral("/plain.db"));
            removeDb(path);
            Timings t;
            const QString cache
                = QStringLiteral(";CAIRN_CACHE_KB=") + parser.value(QStringLiteral("cache-kb"));
            const bool ok = encrypted
                ? runWorkload(
                    path, raw.password(), QStringLiteral("CAIRN_CREATE;CAIRN_RAW_KEY") + cache, rows, t)
                : runWorkload(path, QString(), QStringLiteral("CAIRN_CREATE") + cache, rows, t);
            if (!ok)
                return 1;
            (encrypted ? encIns : plainIns).push_back(t.insertMs);
            (encrypted ? encSel : plainSel).push_back(t.selectMs);
            (encrypted ? encFts : plainFts).push_back(t.ftsMs);
            removeDb(path);
        }
    }
    std::printf("rows: %d count\n", rows);
    std::printf("repeat: %d count\n", repeat);
    std::printf("encrypted_insert: %.1f ms\n", median(encIns));
    std::printf("plain_insert: %.1f ms\n", median(plainIns));
    std::printf("encrypted_select: %.1f ms\n", median(encSel));
    std::printf("plain_select: %.1f ms\n", median(plainSel));
    std::printf("encrypted_fts: %.1f ms\n", median(encFts));
    std::printf("plain_fts: %.1f ms\n", median(plainFts));
    std::printf("encrypted_vs_plain_insert: %.2f x\n", median(encIns) / median(plainIns));
    std::printf("encrypted_vs_plain_select: %.2f x\n", median(encSel) / median(plainSel));
    std::printf("encrypted_vs_plain_fts: %.2f x\n", median(encFts) / median(plainFts));

    // Opening an existing encrypted database (key check + schema check), keychain vs passphrase.
    const QString keyPath = dir + QStringLiteral("/open-raw.db");
    const QString passPath = dir + QStringLiteral("/open-pass.db");
    removeDb(keyPath);
    removeDb(passPath);
    const DatabaseKey pass = DatabaseKey::fromPassphrase("a reasonably long passphrase for the benchmark");
    {
        Database::Options o;
        o.path = keyPath;
        o.key = raw;
        o.create = true;
        if (!Database::open(o).ok())
            return 1;
        o.path = passPath;
        o.key = pass;
        if (!Database::open(o).ok())
            return 1;
    }
    std::vector<double> openRaw, openPass;
    for (int r = 0; r < std::max(5, repeat); ++r) {
        openRaw.push_back(openMs(keyPath, raw));
        openPass.push_back(openMs(passPath, pass));
    }
    std::printf("open_raw_key: %.1f ms\n", median(openRaw));
    std::printf("open_passphrase_mode: %.1f ms\n", median(openPass));

    // Keychain mode as the app does it: read the key from the OS keychain, then open.
    KeychainSecretStore keychain(QStringLiteral("CairnBench"));
    if (keychain.probeSync().ok()) {
        QTemporaryDir vaultDir;
        Vault vault(vaultDir.path(), &keychain);
        if (!vault.create(KeyMode::Keychain).ok())
            return 1;
        std::vector<double> openKeychain;
        for (int r = 0; r < std::max(5, repeat); ++r) {
            QElapsedTimer timer;
            timer.start();
            auto db = vault.unlock();
            if (!db.ok())
                return 1;
            openKeychain.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("open_keychain_mode: %.1f ms\n", median(openKeychain));
        const auto cfg = StoreConfig::load(vaultDir.path());
        if (cfg.ok())
            (void)keychain.removeSync(cfg->keychainEntry);
    } else {
        std::fprintf(stderr,
            "bench_storage: no keychain answered; open_keychain_mode not measured "
            "(run under scripts/with-test-keyring.sh)\n");
    }
    removeDb(keyPath);
    removeDb(passPath);
    return 0;
}
