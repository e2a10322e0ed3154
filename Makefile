# Image Studio — `make run` starts the studio, `make test` runs every test.
SWIFT    ?= swift
CONFIG   ?= debug
DATA_DIR ?= ./data
HOST     ?= 127.0.0.1
PORT     ?= 8080

.PHONY: run test deps build clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product imagestudio

run: build
	$(SWIFT) run -c $(CONFIG) --skip-build imagestudio serve --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

clean:
	rm -rf .build
