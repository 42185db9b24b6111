#!/usr/bin/env node
'use strict';
require('../dist/cli/launch').launch('kafka-broker-api-versions');
