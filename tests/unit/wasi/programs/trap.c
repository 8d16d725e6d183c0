// Traps (wasm `unreachable`).
int main(void) { __builtin_trap(); }
