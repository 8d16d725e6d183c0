// tinycontainer — who a container is and which code it runs.
//
// Contract (checked by validate.hpp): uid is 1..64 characters of [a-z0-9._-] starting
// with a letter or digit; name is 1..128 bytes of printable UTF-8 text; runtime is a
// runtime type id known to the host (runtime_registry.hpp); code.ref is a 1..256 byte
// reference (a path relative to the metadata file or an opaque store key) to the code
// blob; data is an optional second blob (e.g. an ML model or a constant table).
#pragma once

#include <optional>
#include <string>

namespace tc::metadata {

struct BlobRef {
  std::string ref;
  friend bool operator==(const BlobRef&, const BlobRef&) = default;
};

struct Identity {
  std::string uid;
  std::string name;
  std::string runtime;  // "wasm", "linux", ... (validated against RuntimeTypes)
  BlobRef code;
  std::optional<BlobRef> data;  // absent: the container has no data blob
  friend bool operator==(const Identity&, const Identity&) = default;
};

}  // namespace tc::metadata
