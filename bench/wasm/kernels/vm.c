/* vm: a small register bytecode interpreter whose opcode handlers are reached through
 * a function-pointer table — indirect calls (call_indirect) in a dispatch loop.
 * The program computes the total Collatz stopping time of 1..N. */
#define BENCH_NAME "vm"
#include "bench_kernel.h"

enum { OP_LI, OP_MOV, OP_ADD, OP_ADDI, OP_AND1, OP_SHR1, OP_MUL3P1, OP_JZ, OP_JNZ,
       OP_JLT, OP_JMP, OP_HALT, OP_COUNT };

struct insn { uint8_t op, a, b, c; int32_t imm; };
struct vm { uint64_t r[8]; uint32_t pc; uint32_t running; const struct insn* code; };

typedef void (*handler)(struct vm*, const struct insn*);

static void h_li(struct vm* m, const struct insn* i) { m->r[i->a] = (uint64_t)(int64_t)i->imm; m->pc++; }
static void h_mov(struct vm* m, const struct insn* i) { m->r[i->a] = m->r[i->b]; m->pc++; }
static void h_add(struct vm* m, const struct insn* i) { m->r[i->a] = m->r[i->b] + m->r[i->c]; m->pc++; }
static void h_addi(struct vm* m, const struct insn* i) { m->r[i->a] = m->r[i->b] + (uint64_t)(int64_t)i->imm; m->pc++; }
static void h_and1(struct vm* m, const struct insn* i) { m->r[i->a] = m->r[i->b] & 1; m->pc++; }
static void h_shr1(struct vm* m, const struct insn* i) { m->r[i->a] = m->r[i->b] >> 1; m->pc++; }
static void h_mul3p1(struct vm* m, const struct insn* i) { m->r[i->a] = m->r[i->b] * 3 + 1; m->pc++; }
static void h_jz(struct vm* m, const struct insn* i) { m->pc = m->r[i->a] == 0 ? (uint32_t)i->imm : m->pc + 1; }
static void h_jnz(struct vm* m, const struct insn* i) { m->pc = m->r[i->a] != 0 ? (uint32_t)i->imm : m->pc + 1; }
static void h_jlt(struct vm* m, const struct insn* i) { m->pc = m->r[i->a] < m->r[i->b] ? (uint32_t)i->imm : m->pc + 1; }
static void h_jmp(struct vm* m, const struct insn* i) { m->pc = (uint32_t)i->imm; }
static void h_halt(struct vm* m, const struct insn* i) { (void)i; m->running = 0; }

static handler table[OP_COUNT] = {h_li, h_mov, h_add, h_addi, h_and1, h_shr1, h_mul3p1,
                                  h_jz, h_jnz, h_jlt, h_jmp, h_halt};

/* r0 = n, r1 = limit (set by the host), r2 = total steps, r3 = x, r4 = tmp, r5 = 1 */
static const struct insn program[] = {
    /* 0 */ {OP_LI, 0, 0, 0, 1},
    /* 1 */ {OP_LI, 2, 0, 0, 0},
    /* 2 */ {OP_LI, 5, 0, 0, 1},
    /* 3 */ {OP_MOV, 3, 0, 0, 0},   /* outer: x = n */
    /* 4 */ {OP_JLT, 5, 3, 0, 6},   /* inner: if 1 < x goto 6 */
    /* 5 */ {OP_JMP, 0, 0, 0, 11},
    /* 6 */ {OP_ADDI, 2, 2, 0, 1},  /* total++ */
    /* 7 */ {OP_AND1, 4, 3, 0, 0},
    /* 8 */ {OP_JNZ, 4, 0, 0, 14},  /* odd? */
    /* 9 */ {OP_SHR1, 3, 3, 0, 0},  /* x /= 2 */
    /* 10 */ {OP_JMP, 0, 0, 0, 4},
    /* 11 */ {OP_ADDI, 0, 0, 0, 1}, /* n++ */
    /* 12 */ {OP_JLT, 0, 1, 0, 3},
    /* 13 */ {OP_HALT, 0, 0, 0, 0},
    /* 14 */ {OP_MUL3P1, 3, 3, 0, 0}, /* x = 3x + 1 */
    /* 15 */ {OP_JMP, 0, 0, 0, 4},
};

uint64_t bench_run(void) {
  struct vm m = {{0}, 0, 1, program};
  m.r[1] = 300000 + (bench_seed & 1);
  while (m.running) {
    const struct insn* i = &m.code[m.pc];
    table[i->op](&m, i);
  }
  return m.r[2] * 1000003u + m.r[0];
}
