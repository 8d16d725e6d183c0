#include "wasm/decoder.hpp"

#include <string>

#include "wasm/byte_reader.hpp"

namespace tc::wasm {

bool decode_valtype(std::uint8_t b, ValType& out, const char** error) noexcept {
  switch (b) {
    case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x70: case 0x6F:
      out = static_cast<ValType>(b);
      return true;
    case 0x7B:
      *error = "SIMD (v128) is not supported by this engine";
      return false;
    default:
      *error = "malformed value type";
      return false;
  }
}

namespace {

constexpr std::uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};

class Decoder {
 public:
  Decoder(std::span<const std::uint8_t> bytes, const Limits& limits, Module& m)
      : r_(bytes.data(), bytes.data() + bytes.size()), base_(bytes.data()), limits_(limits), m_(m) {}

  Result<void> run();

 private:
  Result<void> error(const char* msg) const {
    return make_error(Phase::decode, std::string(msg) + " (at byte " + std::to_string(r_.offset()) + ")");
  }
  bool valtype(ByteReader& r, ValType& t) {
    const char* e = nullptr;
    const std::uint8_t b = r.u8();
    if (!r.ok()) return false;
    if (!decode_valtype(b, t, &e)) { r.fail(e); return false; }
    return true;
  }
  bool reftype(ByteReader& r, ValType& t) {
    const std::uint8_t b = r.u8();
    if (!r.ok()) return false;
    if (b != 0x70 && b != 0x6F) { r.fail("malformed reference type"); return false; }
    t = static_cast<ValType>(b);
    return true;
  }
  bool limits(ByteReader& r, LimitsRange& l) {
    const std::uint8_t flag = r.u8();
    if (!r.ok()) return false;
    if (flag > 1) { r.fail("integer too large"); return false; }
    l.min = r.u32();
    l.has_max = flag == 1;
    if (l.has_max) l.max = r.u32();
    return r.ok();
  }
  bool table_type(ByteReader& r, TableType& t) { return reftype(r, t.elem) && limits(r, t.limits); }
  bool global_type(ByteReader& r, GlobalType& g) {
    if (!valtype(r, g.type)) return false;
    const std::uint8_t mut = r.u8();
    if (r.ok() && mut > 1) { r.fail("malformed mutability"); return false; }
    g.mut = mut == 1;
    return r.ok();
  }
  bool const_expr(ByteReader& r, ConstExpr& e);

  bool section_types(ByteReader& r);
  bool section_imports(ByteReader& r);
  bool section_functions(ByteReader& r);
  bool section_tables(ByteReader& r);
  bool section_memories(ByteReader& r);
  bool section_globals(ByteReader& r);
  bool section_exports(ByteReader& r);
  bool section_start(ByteReader& r);
  bool section_elements(ByteReader& r);
  bool section_code(ByteReader& r);
  bool section_data(ByteReader& r);
  bool section_datacount(ByteReader& r);

  ByteReader r_;
  const std::uint8_t* base_;
  const Limits& limits_;
  Module& m_;
  std::uint32_t declared_funcs_ = 0;
  bool have_code_ = false;
};

bool Decoder::const_expr(ByteReader& r, ConstExpr& e) {
  const std::uint8_t op = r.u8();
  switch (op) {
    case 0x41: e.kind = ConstExpr::Kind::value; e.type = ValType::i32;
      e.value = Value::i32(static_cast<std::uint32_t>(r.s32())); break;
    case 0x42: e.kind = ConstExpr::Kind::value; e.type = ValType::i64;
      e.value = Value::i64(static_cast<std::uint64_t>(r.s64())); break;
    case 0x43: e.kind = ConstExpr::Kind::value; e.type = ValType::f32;
      e.value = Value::f32_bits(r.fixed32()); break;
    case 0x44: e.kind = ConstExpr::Kind::value; e.type = ValType::f64;
      e.value = Value::f64_bits(r.fixed64()); break;
    case 0x23: e.kind = ConstExpr::Kind::global_get; e.index = r.u32(); break;
    case 0xD0: e.kind = ConstExpr::Kind::ref_null;
      if (!reftype(r, e.type)) return false;
      break;
    case 0xD2: e.kind = ConstExpr::Kind::ref_func; e.type = ValType::funcref; e.index = r.u32(); break;
    case 0x0B:
      if (r.ok()) r.fail("type mismatch: empty constant expression");
      return false;
    default:
      if (r.ok()) r.fail("constant expression required");
      return false;
  }
  const std::uint8_t end = r.u8();
  if (r.ok() && end != 0x0B) { r.fail("constant expression required"); return false; }
  return r.ok();
}

bool Decoder::section_types(ByteReader& r) {
  const std::uint32_t n = r.count();
  m_.types.reserve(n);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    const std::uint8_t form = r.u8();
    if (r.ok() && form != 0x60) { r.fail("integer representation too long: malformed functype"); return false; }
    FuncType ft;
    const std::uint32_t np = r.count();
    for (std::uint32_t k = 0; k < np && r.ok(); ++k) { ValType t; if (valtype(r, t)) ft.params.push_back(t); }
    const std::uint32_t nr = r.count();
    for (std::uint32_t k = 0; k < nr && r.ok(); ++k) { ValType t; if (valtype(r, t)) ft.results.push_back(t); }
    m_.types.push_back(std::move(ft));
  }
  return r.ok();
}

bool Decoder::section_imports(ByteReader& r) {
  const std::uint32_t n = r.count();
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    Import im;
    im.module = r.name();
    im.name = r.name();
    const std::uint8_t kind = r.u8();
    if (!r.ok()) return false;
    switch (kind) {
      case 0:
        im.kind = ExternKind::func;
        im.func_type = r.u32();
        m_.funcs.push_back(im.func_type);
        ++m_.num_imported_funcs;
        break;
      case 1:
        im.kind = ExternKind::table;
        if (!table_type(r, im.table)) return false;
        m_.tables.push_back(im.table);
        ++m_.num_imported_tables;
        break;
      case 2:
        im.kind = ExternKind::memory;
        if (!limits(r, im.memory.limits)) return false;
        m_.memories.push_back(im.memory);
        ++m_.num_imported_memories;
        break;
      case 3:
        im.kind = ExternKind::global;
        if (!global_type(r, im.global)) return false;
        m_.globals.push_back(im.global);
        ++m_.num_imported_globals;
        break;
      default:
        r.fail("malformed import kind");
        return false;
    }
    m_.imports.push_back(std::move(im));
  }
  return r.ok();
}

bool Decoder::section_functions(ByteReader& r) {
  declared_funcs_ = r.count();
  for (std::uint32_t i = 0; i < declared_funcs_ && r.ok(); ++i) m_.funcs.push_back(r.u32());
  return r.ok();
}

bool Decoder::section_tables(ByteReader& r) {
  const std::uint32_t n = r.count();
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    TableType t;
    if (table_type(r, t)) m_.tables.push_back(t);
  }
  return r.ok();
}

bool Decoder::section_memories(ByteReader& r) {
  const std::uint32_t n = r.count();
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    MemoryType t;
    if (limits(r, t.limits)) m_.memories.push_back(t);
  }
  return r.ok();
}

bool Decoder::section_globals(ByteReader& r) {
  const std::uint32_t n = r.count();
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    GlobalDef g;
    if (!global_type(r, g.type) || !const_expr(r, g.init)) return false;
    m_.globals.push_back(g.type);
    m_.global_defs.push_back(g);
  }
  return r.ok();
}

bool Decoder::section_exports(ByteReader& r) {
  const std::uint32_t n = r.count();
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    Export e;
    e.name = r.name();
    const std::uint8_t kind = r.u8();
    if (r.ok() && kind > 3) { r.fail("malformed export kind"); return false; }
    e.kind = static_cast<ExternKind>(kind);
    e.index = r.u32();
    m_.exports.push_back(std::move(e));
  }
  return r.ok();
}

bool Decoder::section_start(ByteReader& r) {
  m_.start = r.u32();
  return r.ok();
}

bool Decoder::section_elements(ByteReader& r) {
  const std::uint32_t n = r.count();
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    ElemSegment s;
    const std::uint32_t flags = r.u32();
    if (!r.ok()) return false;
    if (flags > 7) { r.fail("malformed elements segment kind"); return false; }
    const bool passive_or_decl = flags & 1;
    const bool explicit_table = flags & 2;
    const bool exprs = flags & 4;
    if (!passive_or_decl) {
      s.mode = SegmentMode::active;
      if (explicit_table) s.table = r.u32();
      if (!const_expr(r, s.offset)) return false;
    } else {
      s.mode = explicit_table ? SegmentMode::declarative : SegmentMode::passive;
    }
    if (passive_or_decl || explicit_table) {
      if (exprs) {
        if (!reftype(r, s.type)) return false;
      } else {
        const std::uint8_t kind = r.u8();
        if (r.ok() && kind != 0) { r.fail("malformed element kind"); return false; }
        s.type = ValType::funcref;
      }
    }
    const std::uint32_t count = r.count();
    s.items.reserve(count);
    for (std::uint32_t k = 0; k < count && r.ok(); ++k) {
      ConstExpr e;
      if (exprs) {
        if (!const_expr(r, e)) return false;
      } else {
        e.kind = ConstExpr::Kind::ref_func;
        e.type = ValType::funcref;
        e.index = r.u32();
      }
      s.items.push_back(e);
    }
    m_.elems.push_back(std::move(s));
  }
  return r.ok();
}

bool Decoder::section_datacount(ByteReader& r) {
  m_.data_count = r.u32();
  return r.ok();
}

bool Decoder::section_code(ByteReader& r) {
  const std::uint32_t n = r.count();
  if (r.ok() && n != declared_funcs_) { r.fail("function and code section have inconsistent lengths"); return false; }
  have_code_ = true;
  m_.bodies.reserve(n);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    const std::uint32_t size = r.u32();
    if (!r.ok()) return false;
    if (size > r.remaining()) { r.fail("unexpected end"); return false; }
    const auto body_start = static_cast<std::size_t>(r.pos() - base_);
    ByteReader b(r.pos(), r.pos() + size);
    FunctionBody body;
    const std::uint32_t groups = b.count();
    std::uint64_t total = 0;
    for (std::uint32_t g = 0; g < groups && b.ok(); ++g) {
      const std::uint32_t cnt = b.u32();
      ValType t;
      if (!valtype(b, t)) break;
      total += cnt;
      if (total > limits_.max_function_locals) { b.fail("too many locals"); break; }
      body.locals.insert(body.locals.end(), cnt, t);
    }
    if (!b.ok()) { r.fail(b.error()); return false; }
    body.code_offset = static_cast<std::uint32_t>(body_start + b.offset());
    body.code_size = static_cast<std::uint32_t>(size - b.offset());
    r.bytes(size);
    m_.bodies.push_back(std::move(body));
  }
  return r.ok();
}

bool Decoder::section_data(ByteReader& r) {
  const std::uint32_t n = r.count();
  if (r.ok() && m_.data_count && *m_.data_count != n) {
    r.fail("data count and data section have inconsistent lengths");
    return false;
  }
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    DataSegment d;
    const std::uint32_t flags = r.u32();
    if (!r.ok()) return false;
    if (flags > 2) { r.fail("malformed data segment kind"); return false; }
    if (flags == 1) {
      d.mode = SegmentMode::passive;
    } else {
      if (flags == 2) d.memory = r.u32();
      if (!const_expr(r, d.offset)) return false;
    }
    const std::uint32_t len = r.count();
    const std::uint8_t* p = r.bytes(len);
    if (p) d.bytes.assign(p, p + len);
    m_.datas.push_back(std::move(d));
  }
  return r.ok();
}

Result<void> Decoder::run() {
  if (r_.remaining() > limits_.max_module_bytes) return make_error(Phase::decode, "module exceeds the size limit");
  const std::uint8_t* magic = r_.bytes(4);
  if (!magic || std::memcmp(magic, kMagic, 4) != 0) return make_error(Phase::decode, "magic header not detected");
  const std::uint8_t* ver = r_.bytes(4);
  if (!ver || ver[0] != 1 || ver[1] != 0 || ver[2] != 0 || ver[3] != 0)
    return make_error(Phase::decode, "unknown binary version");
  // Non-custom sections in binary order; 12 (data count) sits between 9 and 10.
  auto rank = [](std::uint8_t id) -> int {
    static constexpr int ranks[13] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};
    return ranks[id];
  };
  int last_rank = 0;
  while (!r_.at_end() && r_.ok()) {
    const std::uint8_t id = r_.u8();
    const std::uint32_t size = r_.u32();
    if (!r_.ok()) break;
    if (id > 12) return error("malformed section id");
    if (size > r_.remaining()) return error("section size mismatch: unexpected end");
    ByteReader s(r_.pos(), r_.pos() + size);
    if (id == 0) {
      s.name();
      if (!s.ok()) return error(s.error());
      r_.bytes(size);
      continue;
    }
    if (rank(id) <= last_rank) return error("unexpected content after last section / junk after last section");
    last_rank = rank(id);
    bool ok = false;
    switch (id) {
      case 1: ok = section_types(s); break;
      case 2: ok = section_imports(s); break;
      case 3: ok = section_functions(s); break;
      case 4: ok = section_tables(s); break;
      case 5: ok = section_memories(s); break;
      case 6: ok = section_globals(s); break;
      case 7: ok = section_exports(s); break;
      case 8: ok = section_start(s); break;
      case 9: ok = section_elements(s); break;
      case 10: ok = section_code(s); break;
      case 11: ok = section_data(s); break;
      case 12: ok = section_datacount(s); break;
      default: break;
    }
    if (!ok || !s.ok()) {
      return make_error(Phase::decode, std::string(s.error() ? s.error() : "malformed section") +
                                           " (section " + std::to_string(id) + ")");
    }
    if (!s.at_end()) return error("section size mismatch");
    r_.bytes(size);
  }
  if (!r_.ok()) return make_error(Phase::decode, r_.error());
  if (!have_code_ && declared_funcs_ != 0) return make_error(Phase::decode, "function and code section have inconsistent lengths");
  if (m_.data_count && *m_.data_count != m_.datas.size())
    return make_error(Phase::decode, "data count and data section have inconsistent lengths");
  return {};
}

}  // namespace

Result<void> decode_module(std::span<const std::uint8_t> bytes, const Limits& limits, Module& out) {
  Decoder d(bytes, limits, out);
  return d.run();
}

}  // namespace tc::wasm
