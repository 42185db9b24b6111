#!/usr/bin/env node
'use strict';
require('../dist/cli/launch').launch('kafka-run-class');
