export { redactFormat, RedactFormat } from './index'
import { redactFormat } from './index'
export default redactFormat
