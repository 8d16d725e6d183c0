# TC_SANITIZE=ON builds everything with AddressSanitizer + UndefinedBehaviorSanitizer.
option(TC_SANITIZE "Build with ASan + UBSan" OFF)
if(TC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
