#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace cairn {

// Runs work() on the global thread pool and then done(result) on context's thread. Nothing waits
// for the work and no event loop is nested. If context is destroyed first, done is not called; the
// work still runs to completion, so it must own (capture by value) everything it touches.
// Work that opens a database connection closes it (Database::closeThreadConnection) before it
// returns: pool threads are reused and must not keep connections.
template<typename Work, typename Done> void runInBackground(QObject *context, Work work, Done done)
{
    using R = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<R>(context);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
            watcher->deleteLater();
            if constexpr (std::is_void_v<R>)
                done();
            else
                done(watcher->result());
        });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace cairn
