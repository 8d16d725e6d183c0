#include "api/result_store.hpp"

#include <fmt/format.h>

#include <random>

namespace tc::api {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS executions ("
    " id TEXT PRIMARY KEY, state TEXT NOT NULL, created REAL NOT NULL,"
    " finished REAL NOT NULL DEFAULT 0, result TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX IF NOT EXISTS executions_created ON executions(created);";

constexpr const char* kAbandoned =
    "UPDATE executions SET state='done', finished=strftime('%s','now'), result="
    "'{\"status\":\"internal_error\",\"error\":\"internal_error\",\"message\":"
    "\"the server stopped before this execution finished\",\"compile\":null,\"runs\":[]}'"
    " WHERE state<>'done';";

// RAII for one prepared statement.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

std::unexpected<Error> db_error(sqlite3* db, std::string_view what) {
  return make_error(Phase::io, fmt::format("result store: {}: {}", what, sqlite3_errmsg(db)));
}

}  // namespace

Result<std::unique_ptr<ResultStore>> ResultStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<ResultStore> store(new ResultStore(db));
  if (rc != SQLITE_OK) return db_error(db, fmt::format("open {}", path));
  sqlite3_busy_timeout(db, 5000);
  for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;", kSchema, kAbandoned})
    if (auto r = store->exec_sql(sql); !r) return std::unexpected(r.error());
  return store;
}

ResultStore::~ResultStore() { sqlite3_close(db_); }

Result<void> ResultStore::exec_sql(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string text = msg != nullptr ? msg : "unknown error";
    sqlite3_free(msg);
    return make_error(Phase::io, fmt::format("result store: {}", text));
  }
  return {};
}

Result<void> ResultStore::insert_queued(const std::string& id, double created) {
  std::lock_guard lock(mu_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "INSERT INTO executions(id,state,created) VALUES(?,'queued',?)", -1,
                         &s.stmt, nullptr) != SQLITE_OK)
    return db_error(db_, "prepare insert");
  sqlite3_bind_text(s.stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  sqlite3_bind_double(s.stmt, 2, created);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return db_error(db_, "insert");
  return {};
}

Result<void> ResultStore::mark_running(const std::string& id) {
  std::lock_guard lock(mu_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "UPDATE executions SET state='running' WHERE id=?", -1, &s.stmt,
                         nullptr) != SQLITE_OK)
    return db_error(db_, "prepare update");
  sqlite3_bind_text(s.stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return db_error(db_, "update");
  return {};
}

Result<void> ResultStore::finish(const std::string& id, double finished, const std::string& result) {
  std::lock_guard lock(mu_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "UPDATE executions SET state='done', finished=?, result=? WHERE id=?",
                         -1, &s.stmt, nullptr) != SQLITE_OK)
    return db_error(db_, "prepare finish");
  sqlite3_bind_double(s.stmt, 1, finished);
  sqlite3_bind_text(s.stmt, 2, result.data(), static_cast<int>(result.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 3, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return db_error(db_, "finish");
  return {};
}

Result<void> ResultStore::remove(const std::string& id) {
  std::lock_guard lock(mu_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "DELETE FROM executions WHERE id=?", -1, &s.stmt, nullptr) != SQLITE_OK)
    return db_error(db_, "prepare remove");
  sqlite3_bind_text(s.stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return db_error(db_, "remove");
  return {};
}

Result<std::optional<StoredExecution>> ResultStore::get(const std::string& id) {
  std::lock_guard lock(mu_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT state,created,finished,result FROM executions WHERE id=?", -1,
                         &s.stmt, nullptr) != SQLITE_OK)
    return db_error(db_, "prepare get");
  sqlite3_bind_text(s.stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  int rc = sqlite3_step(s.stmt);
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) return db_error(db_, "get");
  auto text = [&](int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, col));
    return p != nullptr ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, col)))
                        : std::string();
  };
  return StoredExecution{id, text(0), sqlite3_column_double(s.stmt, 1),
                         sqlite3_column_double(s.stmt, 2), text(3)};
}

Result<int> ResultStore::purge_older_than(double cutoff) {
  std::lock_guard lock(mu_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "DELETE FROM executions WHERE created<? AND state='done'", -1, &s.stmt,
                         nullptr) != SQLITE_OK)
    return db_error(db_, "prepare purge");
  sqlite3_bind_double(s.stmt, 1, cutoff);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return db_error(db_, "purge");
  return sqlite3_changes(db_);
}

std::string ResultStore::new_id() {
  std::random_device rd;
  std::string id;
  for (int i = 0; i < 4; ++i) id += fmt::format("{:08x}", rd());
  return id;
}

double ResultStore::now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace tc::api
