#include "linux/etc_files.hpp"

#include <fmt/format.h>

namespace tc::sandbox {

std::vector<std::pair<std::string, std::string>> generate_etc(const EtcParams& p) {
  std::string passwd = "root:x:0:0:root:/root:/bin/sh\n";
  std::string group = "root:x:0:\n";
  if (p.uid != 0)
    passwd +=
        fmt::format("{}:x:{}:{}:{}:{}:/bin/sh\n", p.user_name, p.uid, p.gid, p.user_name, p.home);
  if (p.gid != 0) group += fmt::format("{}:x:{}:\n", p.user_name, p.gid);
  passwd += "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
  group += "nogroup:x:65534:\n";
  return {
      {"passwd", std::move(passwd)},
      {"group", std::move(group)},
      {"hosts",
       fmt::format("127.0.0.1\tlocalhost {0}\n::1\tlocalhost ip6-localhost {0}\n", p.hostname)},
      {"hostname", p.hostname + "\n"},
      {"nsswitch.conf", "passwd: files\ngroup: files\nshadow: files\nhosts: files\n"},
  };
}

}  // namespace tc::sandbox
