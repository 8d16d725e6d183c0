// tinycontainer — errno symbolic names for seccomp profiles ("ENOSYS" <-> 38).
//
// Contract: errno_from_name accepts the symbolic names a profile may use (the table in
// errno_names.cpp: the ones a sandbox answers with) or a decimal number 1..4095;
// anything else is nullopt. errno_name never fails ("E38" for numbers without a name).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tc::seccomp {

[[nodiscard]] std::optional<int> errno_from_name(std::string_view name) noexcept;
[[nodiscard]] std::string errno_name(int err);

}  // namespace tc::seccomp
