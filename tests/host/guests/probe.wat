;; Denial paths: one loop tries forbidden or malformed endpoint calls and reports each
;; result code (i32) to endpoint 1, then returns 1 (finished).
;;   ep 1: probe, out   ep 2: probe, in   ep 7: not granted
(module
  (import "tc" "open" (func $open (param i32) (result i32)))
  (import "tc" "read" (func $read (param i32 i32 i32) (result i32)))
  (import "tc" "write" (func $write (param i32 i32 i32) (result i32)))
  (import "tc" "close" (func $close (param i32) (result i32)))
  (import "tc" "call" (func $call (param i32 i32 i32 i32 i32) (result i32)))
  (import "tc" "now_us" (func $now (result i64)))
  (memory 1)
  (global $p (mut i32) (i32.const -1))
  (func $report (param $code i32)
    (i32.store (i32.const 0) (local.get $code))
    (drop (call $write (global.get $p) (i32.const 0) (i32.const 4))))
  (func (export "loop") (result i32) (local $in i32)
    (global.set $p (call $open (i32.const 1)))
    (call $report (call $open (i32.const 7)))                                   ;; -1 denied
    (local.set $in (call $open (i32.const 2)))
    (call $report (call $write (local.get $in) (i32.const 0) (i32.const 4)))    ;; -2 direction
    (call $report (call $read (global.get $p) (i32.const 16) (i32.const 4)))    ;; -2 direction
    (call $report (call $write (global.get $p) (i32.const 65530) (i32.const 100))) ;; -5 memory
    (call $report (call $write (i32.const 9) (i32.const 0) (i32.const 4)))      ;; -4 handle
    (call $report (call $close (local.get $in)))                               ;; 0
    (call $report (call $read (local.get $in) (i32.const 16) (i32.const 4)))    ;; -4 closed
    (call $report (call $open (i32.const 4)))                                  ;; -12 remote
    (call $report (i32.wrap_i64 (i64.shr_u (call $now) (i64.const 63))))       ;; 0: now >= 0
    (i32.const 1)))
