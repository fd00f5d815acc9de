import type { AnyRule } from '../types.js'
import cfnParameterNoEcho from './cfn-parameter-no-echo.js'
import hardcodedAwsKey from './hardcoded-aws-key.js'
import hardcodedCredential from './hardcoded-credential.js'
import plaintextEnv from './plaintext-env.js'
import secretNoRotation from './secret-no-rotation.js'
import ssmParameterPlaintext from './ssm-parameter-plaintext.js'

export const rules: AnyRule[] = [hardcodedAwsKey, hardcodedCredential, plaintextEnv, ssmParameterPlaintext, secretNoRotation, cfnParameterNoEcho]
