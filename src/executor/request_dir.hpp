// tinycontainer executor — the host-side directory of one request.
//
// Contract: create() makes <work_root>/req-<pid>-<16 hex> (mode 0700, owned by us; the
// sandbox never sees it: steps receive copies through --copy-in). It holds src/ (the
// submitted files), stdin-<n> (one per test case) and art/ (the compiled workspace).
// write_file() creates parent directories and refuses to follow or replace anything
// (O_CREAT|O_EXCL|O_NOFOLLOW), so names validated by check_file_name() stay inside src/.
// The destructor removes the whole tree on every path (linux/run_dir.hpp remove_tree).
// reap_stale_request_dirs() removes those whose owning pid no longer exists (a killed
// service or CLI); best effort.
#pragma once

#include <filesystem>
#include <string>
#include <utility>

#include "common/error.hpp"

namespace tc::exec {

class RequestDir {
 public:
  [[nodiscard]] static Result<RequestDir> create(const std::filesystem::path& work_root);
  RequestDir(RequestDir&& o) noexcept : path_(std::exchange(o.path_, {})) {}
  RequestDir& operator=(RequestDir&&) = delete;
  RequestDir(const RequestDir&) = delete;
  RequestDir& operator=(const RequestDir&) = delete;
  ~RequestDir();

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] Result<void> write_file(const std::filesystem::path& relative,
                                        const std::string& content) const;

 private:
  explicit RequestDir(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

std::size_t reap_stale_request_dirs(const std::filesystem::path& work_root) noexcept;

}  // namespace tc::exec
