#include "llm/LocalProbe.h"

#include "llm/LlmClient.h"

#include <QtGlobal>

namespace cairn::llm {

LocalProbe::LocalProbe(LlmClient *client, QObject *parent) : QObject(parent), m_client(client) { }

QList<LocalProbe::Candidate> LocalProbe::defaultCandidates()
{
    const QString over = qEnvironmentVariable("CAIRN_LOCAL_PROBE");
    if (!over.isNull()) {
        QList<Candidate> out;
        for (const QString &item : over.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const QStringList parts = item.split(QLatin1Char('|'));
            const auto kind = parts.size() == 3 ? kindFromString(parts[1]) : std::nullopt;
            if (kind)
                out.append(Candidate {parts[0], *kind, QUrl(parts[2])});
        }
        return out;
    }
    return {
        {QStringLiteral("Ollama"), ProviderKind::Ollama, QUrl(QStringLiteral("http://127.0.0.1:11434"))},
        {QStringLiteral("LM Studio"), ProviderKind::OpenAi, QUrl(QStringLiteral("http://127.0.0.1:1234/v1"))},
        {QStringLiteral("llama.cpp"), ProviderKind::OpenAi, QUrl(QStringLiteral("http://127.0.0.1:8080/v1"))},
    };
}

void LocalProbe::start(const QList<Candidate> &candidates, int timeoutMs)
{
    if (m_started && m_pending > 0) {
        qWarning("LocalProbe::start: a probe is already running; ignored");
        return;
    }
    m_candidates = candidates;
    m_results = QList<std::optional<QList<ModelInfo>>>(candidates.size());
    m_started = true;
    m_pending = static_cast<int>(candidates.size());
    if (m_pending == 0) {
        QMetaObject::invokeMethod(this, &LocalProbe::finished, Qt::QueuedConnection);
        return;
    }
    for (int i = 0; i < candidates.size(); ++i) {
        ProviderConfig config;
        config.kind = candidates[i].kind;
        config.baseUrl = candidates[i].baseUrl;
        config.connectTimeoutMs = timeoutMs;
        config.firstByteTimeoutMs = timeoutMs;
        config.idleTimeoutMs = timeoutMs;
        config.maxDurationMs = 4LL * timeoutMs;
        config.maxRetries = 0;
        config.quiet = true;
        ModelsJob *job = m_client->listModels(config);
        connect(job, &ModelsJob::finished, this, [this, job, i] {
            if (!job->error().isError())
                m_results[i] = job->models();
            job->deleteLater();
            if (--m_pending == 0)
                Q_EMIT finished();
        });
    }
}

QList<LocalProbe::Found> LocalProbe::found() const
{
    QList<Found> out;
    for (int i = 0; i < m_results.size(); ++i) {
        if (m_results[i])
            out.append(Found {m_candidates[i], *m_results[i]});
    }
    return out;
}

} // namespace cairn::llm
