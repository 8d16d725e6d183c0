// Writes the seed corpus of the metadata fuzz targets from examples/metadata:
//   OUT/json/<name>.json   the examples as they are
//   OUT/cbor/<name>.cbor   their canonical CBOR (metadata and reconfiguration)
//   OUT/cose/<name>.{sign1,mac0}  signed with the fuzz target's fixed keys
// Usage: metadata_make_corpus EXAMPLES_DIR OUT_DIR
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "metadata/cbor_codec.hpp"
#include "metadata/document.hpp"
#include "metadata/json_codec.hpp"
#include "metadata/reconfiguration_codec.hpp"

namespace fs = std::filesystem;
using namespace tc::metadata;

namespace {

void write(const fs::path& p, std::span<const std::uint8_t> bytes) {
  std::ofstream(p, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

SigningKey fixed_key(bool ed, std::uint8_t fill) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(fill);
  return (ed ? SigningKey::ed25519(seed) : SigningKey::hmac_sha256(seed)).value();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: metadata_make_corpus EXAMPLES_DIR OUT_DIR\n");
    return 2;
  }
  const fs::path out(argv[2]);
  for (auto d : {"json", "cbor", "cose"}) fs::create_directories(out / d);
  const SigningKey ed = fixed_key(true, 0x11);
  const SigningKey mac = fixed_key(false, 0x22);
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::string stem = e.path().stem().string();
    fs::copy_file(e.path(), out / "json" / e.path().filename(),
                  fs::copy_options::overwrite_existing);
    if (auto m = decode_json(text, default_runtime_types())) {
      write(out / "cbor" / (stem + ".cbor"), encode_cbor(*m));
      Metadata signable = *m;
      signable.integrity.code_sha256 = sha256_of(std::span<const std::uint8_t>());
      write(out / "cose" / (stem + ".sign1"), sign_metadata(signable, "fuzz-ed", ed).value());
      write(out / "cose" / (stem + ".mac0"), sign_metadata(signable, "fuzz-mac", mac).value());
    } else if (auto r = decode_reconfiguration_json(text)) {
      write(out / "cbor" / (stem + ".cbor"), encode_reconfiguration_cbor(*r));
      write(out / "cose" / (stem + ".sign1"), sign_reconfiguration(*r, "fuzz-ed", ed).value());
    }
  }
  return 0;
}
