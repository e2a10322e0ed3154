# Image Studio — `make run` starts the studio, `make test` runs every test.
SWIFT    ?= swift
CONFIG   ?= debug
export CONFIG
export DATA_DIR ?= ./data
export HOST     ?= 127.0.0.1
export PORT     ?= 8080
export EMULATE  ?= 0

.PHONY: run test deps build clean bench

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product imagestudio
	$(SWIFT) build -c $(CONFIG) --product provider-emulator

# `make run EMULATE=1`: hosted providers answered by the local emulator (labelled EMULATED).
run: build
	scripts/run.sh

# Suites that touch the database run a second time on a real Postgres (scripts/test-postgres.sh starts one
# on 127.0.0.1). The Python black-box checks run first so that XCTest's full summary is the last line.
POSTGRES_SUITES = StudioPersistenceTests|GenerationTests|PlanFamilyAPITests|AsyncJobTests|AccountsTests|IdempotencyTests|QuotaTests|ConcurrentQuotaTests|StudioAPITests.RecoveryTests|HostedPipelineTests|FailoverTests|BadInputTests|ProcessTests|ReadEndpointsTests|StudioSupportEndpointsTests|FamilyTests

test:
	@scripts/install-deps.sh --test
	$(SWIFT) build --build-tests
	python3 -m pytest -q Tests/python
	IMAGESTUDIO_TEST_DATABASE=postgres IMAGESTUDIO_TEST_POSTGRES_URL="$$(scripts/test-postgres.sh)" \
	  $(SWIFT) test --skip-build --disable-swift-testing --filter '$(POSTGRES_SUITES)'
	$(SWIFT) test --skip-build --disable-swift-testing

# Benchmarks side by side with LiteLLM, the vips CLI and Pillow (bench/README.md); results in bench/results/.
bench:
	@scripts/install-deps.sh
	bench/setup.sh
	cd bench && python3 run.py

clean:
	rm -rf .build
