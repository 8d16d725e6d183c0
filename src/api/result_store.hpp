// tinycontainer api — asynchronous execution records in an embedded SQLite database.
//
// Contract:
//  * open() creates the database and its schema if needed (WAL journal, one connection
//    guarded by a mutex: every method is thread-safe). ":memory:" gives a private store.
//  * A record moves queued → running → done; `result` is the final JSON text (native
//    result form) once done. Records survive a restart: at open(), records a previous
//    process left queued or running (it crashed) become done with an internal_error
//    result saying so — they are never silently lost or re-run.
//  * purge_older_than() deletes records created before the cut-off (the retention period).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/error.hpp"

namespace tc::api {

struct StoredExecution {
  std::string id;
  std::string state;   // "queued", "running", "done"
  double created = 0;  // unix seconds
  double finished = 0; // unix seconds, 0 until done
  std::string result;  // JSON text when done
};

class ResultStore {
 public:
  [[nodiscard]] static Result<std::unique_ptr<ResultStore>> open(const std::string& path);
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  [[nodiscard]] Result<void> insert_queued(const std::string& id, double created);
  [[nodiscard]] Result<void> mark_running(const std::string& id);
  [[nodiscard]] Result<void> finish(const std::string& id, double finished, const std::string& result);
  [[nodiscard]] Result<void> remove(const std::string& id);
  [[nodiscard]] Result<std::optional<StoredExecution>> get(const std::string& id);
  // Returns the number of deleted records.
  [[nodiscard]] Result<int> purge_older_than(double cutoff);

  // Random 128-bit id, 32 lowercase hex characters.
  [[nodiscard]] static std::string new_id();
  [[nodiscard]] static double now();

 private:
  explicit ResultStore(sqlite3* db) : db_(db) {}
  [[nodiscard]] Result<void> exec_sql(const char* sql);

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace tc::api
