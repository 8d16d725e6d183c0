// tinycontainer metadata — check, convert, sign and generate keys for container metadata.
//
//   tinycontainer metadata check FILE [--keys DIR] [--require-signature] [--reconfiguration]
//   tinycontainer metadata convert --to cbor|json IN OUT [--reconfiguration]
//   tinycontainer metadata sign --key FILE --kid ID [--alg ed25519|hmac] IN OUT [--reconfiguration]
//   tinycontainer metadata keygen --kid ID --out DIR [--alg ed25519|hmac]
//
// Exit status: 0 the document is valid / the output was written; 1 the document is invalid
// (the precise message, with the field path, goes to stderr); 2 usage errors, including
// unusable key files or key directories.
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "metadata/cbor_codec.hpp"
#include "metadata/document.hpp"
#include "metadata/json_codec.hpp"
#include "metadata/json_fields.hpp"
#include "metadata/reconfiguration_codec.hpp"

namespace tc::cli {
namespace {

namespace md = tc::metadata;
namespace fs = std::filesystem;

constexpr int kInvalidExit = 1;

struct MetadataOptions {
  std::string input;
  std::string output;
  std::string keys_dir;
  std::string key_file;
  std::string kid;
  std::string to;
  std::string alg = "ed25519";
  bool require_signature = false;
  bool reconfiguration = false;
};

// Reads at most kMaxInput bytes: a device file or a huge file cannot exhaust memory.
constexpr std::size_t kMaxInput = md::kMaxDocumentBytes;

Result<md::Bytes> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return sys_error(Phase::io, path);
  md::Bytes bytes(kMaxInput + 1);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return sys_error(Phase::io, path);
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > kMaxInput)
    return make_error(Phase::config, "larger than " + std::to_string(kMaxInput) +
                                         " bytes: not a metadata document");
  return bytes;
}

Result<void> write_bytes(const std::string& path, std::span<const std::uint8_t> bytes,
                         mode_t mode) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return sys_error(Phase::io, path);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return sys_error(Phase::io, path);
  if (::chmod(path.c_str(), mode) != 0) return sys_error(Phase::io, "chmod " + path);
  return {};
}

int fail(int status, std::string_view where, const Error& e) {
  fmt::print(stderr, "tinycontainer metadata: {}: {}\n", where, e.message);
  return status;
}

md::SigningAlgorithm algorithm(const std::string& alg) {
  return alg == "hmac" ? md::SigningAlgorithm::hmac_sha256 : md::SigningAlgorithm::ed25519;
}

int run_check(const MetadataOptions& o) {
  md::KeyStore keys;
  if (!o.keys_dir.empty()) {
    auto loaded = md::load_key_dir(o.keys_dir);
    if (!loaded) return fail(kUsageExit, "--keys", loaded.error());
    keys = std::move(*loaded);
  }
  auto bytes = read_bytes(o.input);
  if (!bytes) return fail(kInvalidExit, o.input, bytes.error());
  const md::LoadPolicy policy{o.require_signature};
  if (o.reconfiguration) {
    auto r = md::load_reconfiguration(*bytes, keys, policy);
    if (!r) return fail(kInvalidExit, o.input, r.error());
    fmt::print("valid reconfiguration of {} → revision {}: {} grant(s), {} revoke(s){}\n",
               r->request.uid, r->request.revision, r->request.grant.size(),
               r->request.revoke.size(), r->kid ? ", signed by \"" + *r->kid + "\"" : ", unsigned");
    return 0;
  }
  auto m = md::load_metadata(*bytes, keys, policy, md::default_runtime_types());
  if (!m) return fail(kInvalidExit, o.input, m.error());
  const auto& meta = m->metadata;
  fmt::print(
      "valid: {} ({}), revision {}, loop every {}, {} endpoint(s), {}\n"
      "metadata sha256 {}\n",
      meta.identity.uid, meta.identity.runtime, meta.revision,
      md::json_fields::format_duration(meta.scheduling.loop_period), meta.endpoints.size(),
      m->kid ? fmt::format("signed by \"{}\" ({})", *m->kid,
                           m->envelope == md::CoseKind::sign1 ? "COSE_Sign1 Ed25519"
                                                              : "COSE_Mac0 HMAC-SHA256")
             : std::string("unsigned"),
      md::to_hex(m->digest));
  return 0;
}

int run_convert(const MetadataOptions& o) {
  auto bytes = read_bytes(o.input);
  if (!bytes) return fail(kInvalidExit, o.input, bytes.error());
  const md::KeyStore none;
  auto form = md::detect_form(*bytes);
  if (form == md::DocumentForm::cose)
    return fail(kInvalidExit, o.input,
                Error{Phase::usage,
                      "signed (COSE) documents are not converted; convert the "
                      "unsigned document and sign the result",
                      0});
  md::Bytes out;
  if (o.reconfiguration) {
    auto r = md::load_reconfiguration(*bytes, none, md::LoadPolicy{});
    if (!r) return fail(kInvalidExit, o.input, r.error());
    if (o.to == "cbor")
      out = md::encode_reconfiguration_cbor(r->request);
    else {
      const std::string text = md::encode_reconfiguration_json(r->request);
      out.assign(text.begin(), text.end());
    }
  } else {
    auto m = md::load_metadata(*bytes, none, md::LoadPolicy{}, md::default_runtime_types());
    if (!m) return fail(kInvalidExit, o.input, m.error());
    if (o.to == "cbor")
      out = md::encode_cbor(m->metadata);
    else {
      const std::string text = md::encode_json(m->metadata);
      out.assign(text.begin(), text.end());
    }
  }
  if (auto w = write_bytes(o.output, out, 0644); !w) return fail(kUsageExit, o.output, w.error());
  return 0;
}

int run_sign(const MetadataOptions& o) {
  auto key = md::load_signing_key(o.key_file, algorithm(o.alg));
  if (!key) return fail(kUsageExit, "--key", key.error());
  if (!md::is_kid(o.kid))
    return fail(kUsageExit, "--kid",
                Error{Phase::usage, "\"" + o.kid + "\" is malformed (1..64 of [A-Za-z0-9._-])", 0});
  auto bytes = read_bytes(o.input);
  if (!bytes) return fail(kInvalidExit, o.input, bytes.error());
  const md::KeyStore none;
  Result<md::Bytes> env = md::Bytes{};
  if (o.reconfiguration) {
    auto r = md::load_reconfiguration(*bytes, none, md::LoadPolicy{});
    if (!r) return fail(kInvalidExit, o.input, r.error());
    env = md::sign_reconfiguration(r->request, o.kid, *key);
  } else {
    auto m = md::load_metadata(*bytes, none, md::LoadPolicy{}, md::default_runtime_types());
    if (!m) return fail(kInvalidExit, o.input, m.error());
    env = md::sign_metadata(m->metadata, o.kid, *key);
  }
  if (!env) return fail(kInvalidExit, o.input, env.error());
  if (auto w = write_bytes(o.output, *env, 0644); !w) return fail(kUsageExit, o.output, w.error());
  return 0;
}

int run_keygen(const MetadataOptions& o) {
  if (!md::is_kid(o.kid))
    return fail(kUsageExit, "--kid",
                Error{Phase::usage, "\"" + o.kid + "\" is malformed (1..64 of [A-Za-z0-9._-])", 0});
  const bool ed = o.alg != "hmac";
  const md::SigningKey key =
      ed ? md::SigningKey::generate_ed25519() : md::SigningKey::generate_hmac_sha256();
  const fs::path dir(o.output);
  std::string secret = md::to_hex(ed ? key.secret().first(32) : key.secret()) + "\n";
  const std::string secret_path = (dir / (o.kid + (ed ? ".ed25519.sec" : ".hmac"))).string();
  auto w = write_bytes(secret_path,
                       {reinterpret_cast<const std::uint8_t*>(secret.data()), secret.size()}, 0600);
  sodium_memzero(secret.data(), secret.size());
  if (!w) return fail(kUsageExit, secret_path, w.error());
  fmt::print("wrote {} (secret, mode 0600)\n", secret_path);
  if (ed) {
    const std::string pub = md::to_hex(key.verification_key()) + "\n";
    const std::string pub_path = (dir / (o.kid + ".ed25519.pub")).string();
    if (auto wp = write_bytes(
            pub_path, {reinterpret_cast<const std::uint8_t*>(pub.data()), pub.size()}, 0644);
        !wp)
      return fail(kUsageExit, pub_path, wp.error());
    fmt::print("wrote {} (public: copy it into the host's --keys directory)\n", pub_path);
  }
  return 0;
}

}  // namespace

void add_metadata_command(CLI::App& app, int& exit_status) {
  auto opts = std::make_shared<MetadataOptions>();
  auto* cmd = app.add_subcommand("metadata", std::string(forwarded("metadata").description));
  cmd->require_subcommand(1);

  auto* check =
      cmd->add_subcommand("check", "Validate a metadata document (JSON, CBOR or signed COSE)");
  check->add_option("FILE", opts->input, "metadata document")->required()->check(CLI::ExistingFile);
  check->add_option("--keys", opts->keys_dir, "directory of <kid>.ed25519.pub / <kid>.hmac keys")
      ->check(CLI::ExistingDirectory);
  check->add_flag("--require-signature", opts->require_signature, "refuse unsigned documents");
  check->add_flag("--reconfiguration", opts->reconfiguration,
                  "the document is a reconfiguration request");
  check->callback([opts, &exit_status] { exit_status = run_check(*opts); });

  auto* convert = cmd->add_subcommand("convert", "Convert between JSON and canonical CBOR");
  convert->add_option("--to", opts->to, "output form")
      ->required()
      ->check(CLI::IsMember({"cbor", "json"}));
  convert->add_option("IN", opts->input, "input document")->required()->check(CLI::ExistingFile);
  convert->add_option("OUT", opts->output, "output file")->required();
  convert->add_flag("--reconfiguration", opts->reconfiguration,
                    "the document is a reconfiguration request");
  convert->callback([opts, &exit_status] { exit_status = run_convert(*opts); });

  auto* sign = cmd->add_subcommand(
      "sign", "Sign (COSE_Sign1, Ed25519) or MAC (COSE_Mac0, HMAC-SHA256) a document");
  sign->add_option("--key", opts->key_file, "secret key file (hex or raw)")
      ->required()
      ->check(CLI::ExistingFile);
  sign->add_option("--kid", opts->kid, "key id the host knows the verification key by")->required();
  sign->add_option("--alg", opts->alg, "ed25519 (default) or hmac")
      ->check(CLI::IsMember({"ed25519", "hmac"}));
  sign->add_option("IN", opts->input, "input document (JSON or CBOR)")
      ->required()
      ->check(CLI::ExistingFile);
  sign->add_option("OUT", opts->output, "signed output (COSE, CBOR)")->required();
  sign->add_flag("--reconfiguration", opts->reconfiguration,
                 "the document is a reconfiguration request");
  sign->callback([opts, &exit_status] { exit_status = run_sign(*opts); });

  auto* keygen = cmd->add_subcommand("keygen", "Generate a signing key (and its public key)");
  keygen->add_option("--kid", opts->kid, "key id")->required();
  keygen->add_option("--out", opts->output, "directory to write the key files to")
      ->required()
      ->check(CLI::ExistingDirectory);
  keygen->add_option("--alg", opts->alg, "ed25519 (default) or hmac")
      ->check(CLI::IsMember({"ed25519", "hmac"}));
  keygen->callback([opts, &exit_status] { exit_status = run_keygen(*opts); });
}

}  // namespace tc::cli
