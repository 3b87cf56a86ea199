# SPDX-License-Identifier: Apache-2.0
# The commands people type. CMake + Ninja do the building; see README.md.
#   make run     install what is missing, build, make a demo database if there is none, serve it
#   make test    install what is missing, build, run every test
#   make sanitize  the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make fuzz    build the fuzzers with clang and run each for FUZZ_SECONDS
#   make bench   build and run the benchmarks
#   make install [PREFIX=/usr/local]   the library, headers, pkg-config file and binary
#   make format | check   apply .clang-format | run the style checks CI runs

BUILD        ?= build
BUILD_TYPE   ?= RelWithDebInfo
DB           ?= mcred.db
LISTEN       ?= 127.0.0.1:8080
PREFIX       ?= /usr/local
WERROR       ?= OFF
FUZZ_SECONDS ?= 30
JOBS         ?= $(shell nproc 2>/dev/null || echo 2)
MCRED        := $(BUILD)/bin/mcred

.PHONY: all build run test sanitize fuzz bench install format check clean deps deps-test deps-ci

all: build

deps:
	@bash scripts/deps.sh run
deps-test:
	@bash scripts/deps.sh test
deps-ci:
	@bash scripts/deps.sh ci

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DMC_WERROR=$(WERROR) \
		-DCMAKE_INSTALL_PREFIX=$(PREFIX)

build: deps $(BUILD)/build.ninja
	cmake -S . -B $(BUILD) -DMC_WERROR=$(WERROR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	ninja -C $(BUILD) -j $(JOBS)

run: build
	@if [ ! -e "$(DB)" ]; then \
		$(MCRED) init --db "$(DB)" && $(MCRED) demo --db "$(DB)" --with-credentials \
		|| { rm -f "$(DB)" "$(DB)-wal" "$(DB)-shm"; exit 1; }; \
	fi
	$(MCRED) serve --db "$(DB)" --listen $(LISTEN)

test: deps-test build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

sanitize: deps-test
	cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMC_SANITIZE=ON \
		-DMC_WERROR=$(WERROR) -DMC_BENCH=OFF
	ninja -C build-sanitize -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --test-dir build-sanitize --output-on-failure -j $(JOBS)

fuzz: deps-ci
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCMAKE_C_COMPILER=clang -DMC_FUZZ=ON -DMC_BENCH=OFF
	ninja -C build-fuzz -j $(JOBS)
	bash scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	@bash scripts/deps.sh bench
	bash scripts/run-benchmarks.sh $(BUILD)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

format:
	git ls-files --cached --others --exclude-standard '*.c' '*.h' | xargs clang-format -i

check:
	bash scripts/check-banned.sh
	bash scripts/check-format.sh

clean:
	rm -rf $(BUILD) build-sanitize build-fuzz
