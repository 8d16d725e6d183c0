;; Engine-specific regression: loads fused with a preceding i32.add (the 32-bit add wraps,
;; the offset is then added without wrapping, as in the unfused sequence).
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08")
  (func (export "asi") (param i32) (result i32) (i32.load8_u offset=2 (i32.add (local.get 0) (i32.const 1))))
  (func (export "asi2") (param i32) (result i32) (local i32) (local.set 1 (i32.const 7)) (drop (local.get 1)) (i32.load8_u offset=1 (i32.add (i32.mul (local.get 0) (i32.const 1)) (i32.const -1))))
)
(assert_return (invoke "asi" (i32.const 0)) (i32.const 4))
(assert_return (invoke "asi" (i32.const -1)) (i32.const 3))
(assert_trap (invoke "asi2" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "asi2" (i32.const 3)) (i32.const 4))
(assert_trap (invoke "asi" (i32.const -4)) "out of bounds memory access")
