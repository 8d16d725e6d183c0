// tinycontainer — the sibling executables of the CLI (README "Layout"): `tinycontainer`,
// `tinycontainer-host` and `tinycontainer-serve` live in one directory and find each other
// there.
//
// Contract: sibling_path(name) is "<directory of /proc/self/exe>/name", or nullopt when
// /proc/self/exe cannot be read (no /proc) or is too long. It never falls back to the
// working directory: the result is executed, often as root.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace tc::cli {

[[nodiscard]] std::optional<std::filesystem::path> sibling_path(std::string_view name);

}  // namespace tc::cli
