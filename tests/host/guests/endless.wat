;; A WASI command that never ends (one-shot sliced across periods; stop abandons it).
(module
  (func (export "_start") (loop $l (br $l))))
