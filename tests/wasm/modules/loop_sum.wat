;; Fuel/resume and call-depth test module (bytes in loop_sum.wasm.inc).
(module
  (memory (export "mem") 1)
  (global $g (mut i32) (i32.const 0))
  (func $inc (param i32) (result i32)
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (i32.add (local.get 0) (i32.const 1)))
  (func (export "sum") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
        (i32.store (i32.mul (i32.rem_u (local.get $i) (i32.const 16)) (i32.const 4)) (local.get $i))
        (local.set $i (call $inc (local.get $i)))
        (br $top)))
    (i64.add (local.get $acc) (i64.extend_i32_u (global.get $g))))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func (export "spin") (loop $l (br $l)))
  ;; do-while loops whose back-edge is a fused compare+br_if (local/imm and stack/local
  ;; operand forms): preemption must restart the fused instruction exactly.
  (func (export "dowhile") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (br_if $l (i32.gt_s (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))))
    (local.get $acc))
  (func (export "dowhile2") (param $n i32) (result i32) (local $i i32)
    (loop $l
      (br_if $l (i32.lt_u (local.tee $i (call $inc (local.get $i))) (local.get $n))))
    (i32.add (local.get $i) (global.get $g)))
  ;; counted loop whose induction step and back-edge fuse into one instruction (step_*_brl):
  ;; an out-of-fuel stop must not have applied the step.
  (func (export "countup") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (local.get $i)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
    (i32.add (local.get $acc) (local.get $n))))
