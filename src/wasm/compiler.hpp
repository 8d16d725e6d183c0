// tinycontainer wasm — compiler from validated instructions to the internal form
// (code.hpp). Driven by the validator, one event per instruction, with the operand
// stack height (in cells, locals included) that validation computed.
//
// Contract: emits nothing for unreachable code; resolves every branch target (forward
// targets patched at `end`/`else`), picks the cheapest branch form (no move when the
// stack is already in place), charges fuel only on loop back-edges (cost = internal
// instructions of the iteration) and fuses hot sequences into superinstructions
// (code.hpp; chosen from TC_WASM_OPSTATS op-pair counts) when no label separates them.
// A fused instruction reads its operands and traps exactly as the sequence it replaces.
// Control nesting is kept on an explicit stack (no recursion).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "wasm/code.hpp"

namespace tc::wasm {

class Compiler {
 public:
  explicit Compiler(const void* const* handlers) noexcept : handlers_(handlers) {}

  void begin(std::uint32_t num_params, std::uint32_t num_locals, std::uint32_t num_results);
  void finish(std::uint32_t max_height, CompiledFunction& out);

  [[nodiscard]] bool live() const noexcept { return !dead_; }
  void op(Op o);
  void imm(std::uint64_t v);
  void op_imm(Op o, std::uint64_t v) { op(o); imm(v); }
  // Operand pushes are deferred so that a following binary operator or load can read
  // them directly (operand folding, see code.hpp TC_WASM_FOLDABLE).
  void local_get(std::uint32_t index);
  void constant(std::uint64_t bits);
  void load(Op o, std::uint32_t offset);
  void local_set(std::uint32_t index);
  void local_tee(std::uint32_t index);
  void store(Op o, std::uint32_t offset);

  // label_height: operand height (cells) below the block's params; arity: values a
  // branch to this label carries (loop: params, else: results).
  void block(bool loop, std::uint32_t label_height, std::uint32_t arity);
  void if_(std::uint32_t label_height, std::uint32_t arity);  // after the condition
  void else_();
  void end();  // closes the innermost label; the function's own label emits `ret`
  void br(std::uint32_t depth, std::uint32_t height);
  void br_if(std::uint32_t depth, std::uint32_t height);  // height without the condition
  void br_table(std::span<const std::uint32_t> depths, std::uint32_t height);
  void ret(std::uint32_t height);
  void unreachable_after() { flush(); dead_ = true; }

 private:
  struct Label {
    bool loop = false;
    bool entry_live = true;
    std::uint32_t height = 0;
    std::uint32_t arity = 0;
    std::size_t start = 0;        // loop: code index of the header
    std::uint64_t start_count = 0;
    std::size_t else_fixup = 0;   // if: word to patch with the else/end target
    bool has_else_fixup = false;
    std::vector<std::size_t> fixups;  // forward branch words to patch at end
  };
  void branch(Label& l, std::uint32_t height, bool conditional);
  void place_label() noexcept { barrier_ = code_.size(); straight_ = false; }
  void patch(std::size_t word, std::size_t target) { code_[word] = target; }
  void target_word(std::size_t target) { targets_.push_back(code_.size()); code_.push_back(target); }
  [[nodiscard]] bool last_is(Op o, int back = 0) const noexcept;
  void emit_op(Op o);
  void rewrite_last(Op o);
  void fuse_step_branch();  // induction step + loop compare/branch into one instruction  // the last instruction becomes o (same immediates so far)
  void emit_ret();
  void flush();
  void flush_one();
  bool try_fold(Op o);

  struct Pending {
    bool local;
    std::uint64_t value;
  };
  Pending pend_[2] = {};
  int npend_ = 0;
  bool pending_imm_after_ = false;  // local_set_imm: the constant follows the destination
  std::uint64_t pending_imm_ = 0;

  const void* const* handlers_;
  std::vector<std::uint64_t> code_;
  std::vector<std::size_t> targets_;  // words holding a code index (made absolute at finish)
  std::vector<Label> labels_;
  std::uint32_t num_params_ = 0, num_locals_ = 0, num_results_ = 0;
  std::uint64_t op_count_ = 0;
  bool dead_ = false;
  // Straight-line code from the entry (no label placed yet): declared locals not yet
  // written still hold zero, so `const 0; local.set x` on them is dropped.
  bool straight_ = true;
  std::vector<bool> written_;
  std::size_t barrier_ = 0;  // code index of the last label: no fusion across it
  struct Hist { std::size_t pos; Op op; };
  Hist hist_[2] = {{~std::size_t{0}, Op::unreachable}, {~std::size_t{0}, Op::unreachable}};
};

}  // namespace tc::wasm
