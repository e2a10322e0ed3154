# Image Studio — `make run` starts the studio, `make test` runs every test.
SWIFT    ?= swift
CONFIG   ?= debug
export CONFIG
export DATA_DIR ?= ./data
export HOST     ?= 127.0.0.1
export PORT     ?= 8080
export EMULATE  ?= 0

.PHONY: run test deps build clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product imagestudio
	$(SWIFT) build -c $(CONFIG) --product provider-emulator

# `make run EMULATE=1`: hosted providers answered by the local emulator (labelled EMULATED).
run: build
	scripts/run.sh

# The Python black-box checks run first so that XCTest's summary is the last line.
test:
	@scripts/install-deps.sh --test
	$(SWIFT) build --build-tests
	python3 -m pytest -q Tests/python
	$(SWIFT) test --skip-build --disable-swift-testing

clean:
	rm -rf .build
